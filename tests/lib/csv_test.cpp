// The CSV reader against files written to a real temp folder, as staff spreadsheets arrive.
#include "wenyuan/csv.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace wenyuan {
namespace {

using Cells = std::vector<std::string>;

// Writes `bytes` as `name` in a fresh temp folder and reads it back.
class CsvFile : public ::testing::Test {
  protected:
    Result<CsvTable> read(std::string_view name, std::string_view bytes,
                          const CsvOptions& options = {}) {
        test::write_file(dir_ / name, bytes);
        return read_csv_file(dir_ / name, options);
    }
    std::string path(std::string_view name) const { return (dir_ / name).string(); }

    test::TempDir dir_;
};

TEST_F(CsvFile, ExcelUtf8WithBomCrlfAndChineseHeader) {
    const auto table = read("manifest.csv",
                            "\xEF\xBB\xBF文件,名称,描述\r\n"
                            "gu01.jpg,青铜鼎,商代晚期\r\n"
                            "gu02.jpg,\"玉璧, 残\",\"高 12\"\"\"\r\n");
    ASSERT_TRUE(table) << table.error().message;
    EXPECT_EQ(table->header, (Cells{"文件", "名称", "描述"}));
    ASSERT_EQ(table->rows.size(), 2u);
    EXPECT_EQ(table->rows[0].line, 2u);
    EXPECT_EQ(table->rows[0].cells, (Cells{"gu01.jpg", "青铜鼎", "商代晚期"}));
    EXPECT_EQ(table->rows[1].line, 3u);
    EXPECT_EQ(table->rows[1].cells, (Cells{"gu02.jpg", "玉璧, 残", "高 12\""}));
    EXPECT_TRUE(table->row_errors.empty());
}

TEST_F(CsvFile, EmbeddedLineBreaksKeepPhysicalLineNumbers) {
    const auto table = read("notes.csv",
                            "file,description\n"
                            "a.jpg,\"first line\nsecond line\r\nthird line\"\n"
                            "b.jpg,plain\n"
                            "c.jpg,\"\"\"quoted\"\" at start\"\n");
    ASSERT_TRUE(table) << table.error().message;
    ASSERT_EQ(table->rows.size(), 3u);
    EXPECT_EQ(table->rows[0].line, 2u);
    EXPECT_EQ(table->rows[0].cells[1], "first line\nsecond line\r\nthird line");
    EXPECT_EQ(table->rows[1].line, 5u);
    EXPECT_EQ(table->rows[1].cells, (Cells{"b.jpg", "plain"}));
    EXPECT_EQ(table->rows[2].line, 6u);
    EXPECT_EQ(table->rows[2].cells[1], "\"quoted\" at start");
}

TEST_F(CsvFile, ShortRowsPaddedBlankRowsAndTrailingLinesSkipped) {
    const auto table = read("short.csv",
                            "\n  文件 ,\xE3\x80\x80名称\xE3\x80\x80,描述,,\n"
                            "a.jpg\n"
                            ",,\n"
                            "b.jpg,鼎,,,\n"
                            "   \n"
                            "c.jpg,\"\",x\n\n\n\r\n");
    ASSERT_TRUE(table) << table.error().message;
    EXPECT_EQ(table->header, (Cells{"文件", "名称", "描述"}));
    ASSERT_EQ(table->rows.size(), 3u);
    EXPECT_EQ(table->rows[0].line, 3u);
    EXPECT_EQ(table->rows[0].cells, (Cells{"a.jpg", "", ""}));
    EXPECT_EQ(table->rows[1].line, 5u);
    EXPECT_EQ(table->rows[1].cells, (Cells{"b.jpg", "鼎", ""}));
    EXPECT_EQ(table->rows[2].line, 7u);
    EXPECT_EQ(table->rows[2].cells, (Cells{"c.jpg", "", "x"}));
}

TEST_F(CsvFile, HeaderRowOfOnlySpacesIsSkipped) {
    // A byte-order mark after the first line and an ideographic space are not column names.
    const auto table = read("spaces.csv", "\n\xEF\xBB\xBF\n\xE3\x80\x80,\t\nfile\na.jpg\n");
    ASSERT_TRUE(table) << table.error().message;
    EXPECT_EQ(table->header, (Cells{"file"}));
    ASSERT_EQ(table->rows.size(), 1u);
    EXPECT_EQ(table->rows[0].line, 5u);
    EXPECT_EQ(table->rows[0].cells, (Cells{"a.jpg"}));
}

TEST_F(CsvFile, LoneCarriageReturnsEndLines) {
    const auto table = read("mac.csv", "a,b\r1,2\r3,4");
    ASSERT_TRUE(table) << table.error().message;
    ASSERT_EQ(table->rows.size(), 2u);
    EXPECT_EQ(table->rows[1].line, 3u);
    EXPECT_EQ(table->rows[1].cells, (Cells{"3", "4"}));
}

TEST_F(CsvFile, ExcelLeniencyForStrayQuotes) {
    const auto table = read("quotes.csv", "a,b\nsay \"hi\",\"closed\"tail\n");
    ASSERT_TRUE(table) << table.error().message;
    ASSERT_EQ(table->rows.size(), 1u);
    EXPECT_EQ(table->rows[0].cells, (Cells{"say \"hi\"", "closedtail"}));
}

TEST_F(CsvFile, GbkBytesAreNamed) {
    // "文件,名称\nbronze.jpg,青铜\n" as Chinese Excel saves it: GBK.
    const auto table =
        read("gbk.csv", "\xce\xc4\xbc\xfe,\xc3\xfb\xb3\xc6\r\nbronze.jpg,\xc7\xe0\xcd\xad\r\n");
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code, Errc::unsupported);
    const std::string& message = table.error().message;
    EXPECT_EQ(message.rfind(path("gbk.csv") + ":1: not UTF-8", 0), 0u) << message;
    EXPECT_NE(message.find("looks like GBK"), std::string::npos) << message;
    EXPECT_NE(message.find("save the spreadsheet as \"CSV UTF-8\""), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST_F(CsvFile, GbkOnALaterLineNamesThatLine) {
    const auto table = read("late.csv", "file,name\na.jpg,ok\nb.jpg,\xc7\xe0\xcd\xad\n");
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().message.rfind(path("late.csv") + ":3: not UTF-8", 0), 0u)
        << table.error().message;
}

TEST_F(CsvFile, OtherInvalidUtf8IsCorrupt) {
    const auto table = read("latin1.csv", "name\ncaf\xe9\n");
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code, Errc::corrupt);
    EXPECT_EQ(
        table.error().message,
        path("latin1.csv") +
            ":2: invalid UTF-8 (byte 0xE9); save the spreadsheet as \"CSV UTF-8\" and try again");
    // Overlong forms and surrogates are not UTF-8 either.
    EXPECT_EQ(parse_csv("a\n\xC0\x80\n", "x.csv")
                  .error()
                  .message.rfind("x.csv:2: invalid UTF-8 (byte 0xC0)", 0),
              0u);
    EXPECT_EQ(parse_csv("a\n\xED\xA0\x80\n", "x.csv").error().code, Errc::corrupt);
}

TEST_F(CsvFile, UnterminatedQuoteNamesTheLineWhereItOpened) {
    const auto table =
        read("manifest.csv", "file,note\na.jpg,ok\nb.jpg,\"never closed\nc.jpg,more\nd.jpg,x\n");
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code, Errc::corrupt);
    EXPECT_EQ(table.error().message.rfind(
                  path("manifest.csv") + ":3: unterminated quoted field (opened here)", 0),
              0u)
        << table.error().message;
}

TEST_F(CsvFile, TooManyCellsIsARowErrorAndOtherRowsGoOn) {
    const auto table =
        read("wide.csv", "file,name,period\na.jpg,鼎,商\nb.jpg,壶,汉,extra\nc.jpg,碗,宋\n");
    ASSERT_TRUE(table) << table.error().message;
    ASSERT_EQ(table->rows.size(), 2u);
    EXPECT_EQ(table->rows[0].cells[0], "a.jpg");
    EXPECT_EQ(table->rows[1].cells[0], "c.jpg");
    EXPECT_EQ(table->rows[1].line, 4u);
    ASSERT_EQ(table->row_errors.size(), 1u);
    EXPECT_EQ(table->row_errors[0].line, 3u);
    EXPECT_EQ(
        table->row_errors[0].reason,
        "4 cells but the header has 3 columns; a cell that contains ',' must be in double quotes");
    EXPECT_EQ(table->row_errors[0].message,
              path("wide.csv") + ":3: " + table->row_errors[0].reason);
}

TEST_F(CsvFile, EmptyFileAndBlankFileHaveNoHeader) {
    for (const char* bytes : {"", "\xEF\xBB\xBF", "\r\n\r\n", " , \n,,\n"}) {
        const auto table = read("empty.csv", bytes);
        ASSERT_FALSE(table) << "bytes: " << bytes;
        EXPECT_EQ(table.error().code, Errc::invalid_argument);
        EXPECT_EQ(table.error().message.rfind(
                      path("empty.csv") + ": no header row (the file is empty)", 0),
                  0u)
            << table.error().message;
    }
}

TEST_F(CsvFile, HeaderOnly) {
    for (const char* bytes : {"文件,名称,描述", "文件,名称,描述\r\n", "文件,名称,描述\n\n"}) {
        const auto table = read("header.csv", bytes);
        ASSERT_TRUE(table) << table.error().message;
        EXPECT_EQ(table->header, (Cells{"文件", "名称", "描述"}));
        EXPECT_TRUE(table->rows.empty());
        EXPECT_TRUE(table->row_errors.empty());
    }
}

TEST_F(CsvFile, NulByteIsRefusedWithItsLine) {
    const auto table = read("nul.csv", std::string_view("a,b\n1,2\n3,\0\n", 12));
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code, Errc::corrupt);
    EXPECT_EQ(table.error().message.rfind(path("nul.csv") + ":3: NUL byte", 0), 0u)
        << table.error().message;
}

TEST_F(CsvFile, Utf16AndWorkbooksAreNamed) {
    const auto utf16 = read("unicode.csv", std::string_view("\377\376a\0,\0b\0", 8));
    ASSERT_FALSE(utf16);
    EXPECT_EQ(utf16.error().code, Errc::unsupported);
    EXPECT_NE(utf16.error().message.find("UTF-16"), std::string::npos);
    const auto xlsx = read("book.csv", std::string_view("PK\x03\x04\x14\0\0\0", 8));
    ASSERT_FALSE(xlsx);
    EXPECT_EQ(xlsx.error().message, path("book.csv") +
                                        ": an Excel or WPS workbook, not a CSV file; save the "
                                        "spreadsheet as \"CSV UTF-8\" and try again");
}

TEST_F(CsvFile, LimitsAreEnforced) {
    CsvOptions small;
    small.max_bytes = 16;
    small.max_field_bytes = 4;
    const auto big = read("big.csv", "a,b\n1,2\n3,4\n5,6\n7,8\n", small);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, Errc::limit);
    EXPECT_EQ(big.error().message,
              path("big.csv") + ": 20 bytes, more than the limit of 16 bytes for a CSV file");

    const auto field = read("field.csv", "a,b\n1,\"12\n345\"\n", small);
    ASSERT_FALSE(field);
    EXPECT_EQ(field.error().code, Errc::limit);
    EXPECT_EQ(field.error().message,
              path("field.csv") + ":2: a cell is longer than the limit of 4 bytes");

    CsvOptions narrow;
    narrow.max_columns = 2;
    EXPECT_EQ(parse_csv("a,b,c\n", "n.csv", narrow).error().message,
              "n.csv:1: more than 2 columns in the header");
    narrow.max_cells = 4;
    const auto cells = parse_csv("a,b\n1,2\n3,4\n5,6\n", "c.csv", narrow);
    EXPECT_EQ(cells.error().message, "c.csv:4: more than 4 cells in the table");
    narrow.max_row_errors = 1;
    const auto bad = parse_csv("a\n1,2\n3,4\n", "r.csv", narrow);
    EXPECT_EQ(bad.error().code, Errc::limit);
    EXPECT_EQ(bad.error().message.rfind("r.csv:3: 2 cells but the header has 1 columns", 0), 0u);
}

TEST_F(CsvFile, TabDelimiter) {
    CsvOptions tsv;
    tsv.delimiter = '\t';
    const auto table = read("list.tsv", "file\tname\na,b.jpg\t鼎\n", tsv);
    ASSERT_TRUE(table) << table.error().message;
    EXPECT_EQ(table->rows[0].cells, (Cells{"a,b.jpg", "鼎"}));
    const auto wide = parse_csv("a\tb\n1\t2\t3\n", "w.tsv", tsv);
    ASSERT_TRUE(wide);
    ASSERT_EQ(wide->row_errors.size(), 1u);
    EXPECT_EQ(wide->row_errors[0].reason,
              "3 cells but the header has 2 columns; a cell that contains a tab must be in double "
              "quotes");
    tsv.delimiter = '"';
    EXPECT_EQ(parse_csv("a", "q.csv", tsv).error().code, Errc::invalid_argument);
}

TEST_F(CsvFile, MissingFileAndFolder) {
    const auto missing = read_csv_file(dir_ / "none.csv");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::not_found);
    EXPECT_EQ(missing.error().message, path("none.csv") + ": no such file");
    const auto folder = read_csv_file(dir_.path());
    ASSERT_FALSE(folder);
    EXPECT_EQ(folder.error().code, Errc::invalid_argument);
    EXPECT_EQ(folder.error().message, dir_.path().string() + ": a folder, not a CSV file");
}

TEST(Csv, ParseNamesTheOriginGiven) {
    const auto table = parse_csv("zh,en\n\"甲\n", "periods.csv");
    ASSERT_FALSE(table);
    EXPECT_EQ(
        table.error().message.rfind("periods.csv:2: unterminated quoted field (opened here)", 0),
        0u);
}

}  // namespace
}  // namespace wenyuan
