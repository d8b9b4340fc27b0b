// Diagnostic collection, formatting and "did you mean" suggestions.
#include "archplan/spec/diagnostics.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace archplan::spec {

void Diagnostics::error(SourceLoc loc, std::string message, std::string note) {
    m_items.push_back(Diagnostic{m_file, loc, std::move(message), std::move(note)});
}

std::string format_diagnostic(const Diagnostic& d) {
    auto where = d.loc.line > 0 ? fmt::format("{}:{}:{}", d.file, d.loc.line, d.loc.column) : d.file;
    auto out = fmt::format("{}: error: {}", where, d.message);
    if (!d.note.empty()) out += fmt::format("\n{}: note: {}", where, d.note);
    return out;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            auto same = std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}
} // namespace

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    auto best_d = std::max<std::size_t>(2, word.size() / 3) + 1; // allow about a third of the word
    for (const auto& c : candidates) {
        auto d = edit_distance(word, c);
        // A suggestion must keep part of the word: with d >= the shorter length every letter changed
        // ('via' -> 'id', 'x' -> 'on'), which is no typo.
        if (d >= std::min(word.size(), c.size())) continue;
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

} // namespace archplan::spec
