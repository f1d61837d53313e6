wenyuan_add_test(csv_test LABELS unit SOURCES csv_test.cpp)
