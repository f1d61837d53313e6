// Highlighted snippets, made from an item's stored text: the title line when a word is in the
// title, else a window of the first field that has one. Matches are marked [like this].
// Private to the library; pure functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wenyuan::search {

struct Snippet {
    std::string text;     ///< empty when no word occurs in the fields (a pinyin match)
    std::string matched;  ///< "title" or "text"
};

/// `fields` are the title, keywords, places and body as indexed; `words` are the wanted terms.
Snippet make_snippet(const std::string (&fields)[4], const std::vector<std::string>& words);

}  // namespace wenyuan::search
