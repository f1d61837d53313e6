#include <gtest/gtest.h>

#include "wenyuan/result.hpp"

namespace wenyuan {
namespace {

Result<int> half(int value) {
    if (value % 2) return fail(Errc::invalid_argument, "half: " + std::to_string(value) + " is odd");
    return value / 2;
}

Result<int> quarter(int value) {
    auto first = half(value);
    if (!first) return fail(std::move(first).error());
    return half(*first);
}

Result<void> check_even(int value) {
    WENYUAN_TRY(half(value));
    return {};
}

TEST(Result, CarriesValueOrError) {
    EXPECT_EQ(*half(8), 4);
    EXPECT_EQ(half(7).value_or(-1), -1);
    EXPECT_EQ(half(7).error().code, Errc::invalid_argument);
    EXPECT_EQ(half(7).error().message, "half: 7 is odd");
    EXPECT_EQ(quarter(8).value(), 2);
    EXPECT_EQ(quarter(6).error().message, "half: 3 is odd");
}

TEST(Result, VoidAndTry) {
    EXPECT_TRUE(check_even(4).has_value());
    const auto odd = check_even(5);
    ASSERT_FALSE(odd);
    EXPECT_EQ(odd.error().message, "half: 5 is odd");
}

}  // namespace
}  // namespace wenyuan
