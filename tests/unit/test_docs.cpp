// The report excerpts quoted in README.md and docs/ are the golden files' own lines, so they cannot go stale: a
// fenced block after a marker
//
//   <!-- excerpt: tests/golden/customer/stdout.txt from "Failure scenarios" lines 8 | from "Teams" lines 4 -->
//
// must equal those lines of the golden file: each segment starts at the first line containing its `from` text
// (the file's first line without one) and takes `lines` lines (to the end without one); segments are joined by a
// "..." line indented like the line after it. Lines of the block that begin with "$ " (the command) are kept. A
// marker followed by raw lines instead of a fenced block (a markdown table) covers them up to the next blank line.
// ARCHPLAN_UPDATE_GOLDEN=1 rewrites the blocks from the goldens, like the golden tests themselves.
#include "catch.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const fs::path& p) {
    std::ifstream in(p);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The excerpt a marker asks for, or an error.
struct Excerpt {
    std::vector<std::string> lines;
    std::string error;
};

Excerpt render(const fs::path& root, const std::string& spec) {
    Excerpt x;
    std::istringstream in(spec);
    std::string file;
    in >> file;
    auto golden = lines_of(root / file);
    if (golden.empty()) return {{}, "no such golden file or it is empty: " + file};
    std::string rest;
    std::getline(in, rest);
    // Segments: `from "TEXT" [lines N]` clauses (the text may hold '|', a table's own), or one bare `[lines N]`.
    struct Segment {
        std::optional<std::string> from;
        std::optional<std::size_t> lines;
    };
    std::vector<Segment> segments;
    static const std::regex clause_re(R"re(from "([^"]*)"(?:\s+lines (\d+))?)re");
    for (auto it = std::sregex_iterator(rest.begin(), rest.end(), clause_re); it != std::sregex_iterator(); ++it)
        segments.push_back(
            {(*it)[1].str(), (*it)[2].matched ? std::optional<std::size_t>(std::stoul((*it)[2].str())) : std::nullopt});
    if (segments.empty()) {
        static const std::regex bare_re(R"re(^\s*(?:lines (\d+))?\s*$)re");
        std::smatch m;
        if (!std::regex_match(rest, m, bare_re)) return {{}, "cannot read '" + rest + "'"};
        segments.push_back({std::nullopt, m[1].matched ? std::optional<std::size_t>(std::stoul(m[1].str())) : std::nullopt});
    }
    for (const auto& seg : segments) {
        std::size_t start = 0;
        if (seg.from) {
            start = golden.size();
            for (std::size_t i = 0; i < golden.size(); ++i)
                if (golden[i].find(*seg.from) != std::string::npos) {
                    start = i;
                    break;
                }
            if (start == golden.size()) return {{}, "no line of " + file + " contains '" + *seg.from + "'"};
        }
        std::size_t count = seg.lines ? *seg.lines : golden.size() - start;
        if (start + count > golden.size()) return {{}, file + " has fewer lines than the excerpt asks for"};
        if (!x.lines.empty()) {
            const auto& next = golden[start];
            x.lines.push_back(next.substr(0, next.find_first_not_of(' ')) + "...");
        }
        x.lines.insert(x.lines.end(), golden.begin() + static_cast<std::ptrdiff_t>(start),
                       golden.begin() + static_cast<std::ptrdiff_t>(start + count));
    }
    return x;
}

} // namespace

TEST_CASE("docs: every report excerpt in README.md and docs/ is the golden file's own text", "[docs]") {
    const fs::path root(ARCHPLAN_SOURCE_DIR);
    const bool update = std::getenv("ARCHPLAN_UPDATE_GOLDEN") != nullptr;
    static const std::regex marker_re(R"(^<!-- excerpt: (.*) -->\s*$)");
    std::vector<fs::path> files{root / "README.md"};
    for (const auto& e : fs::directory_iterator(root / "docs"))
        if (e.path().extension() == ".md") files.push_back(e.path());
    std::size_t markers = 0;
    for (const auto& file : files) {
        auto doc = lines_of(file);
        std::vector<std::string> out;
        bool changed = false;
        for (std::size_t i = 0; i < doc.size(); ++i) {
            out.push_back(doc[i]);
            std::smatch m;
            if (!std::regex_match(doc[i], m, marker_re)) continue;
            ++markers;
            INFO(file.filename().string() << ":" << i + 1 << ": " << doc[i]);
            REQUIRE(i + 1 < doc.size());
            // A fenced block right after the marker, or raw lines (a markdown table) up to the next blank line.
            bool fenced = doc[i + 1].rfind("```", 0) == 0;
            std::size_t first = fenced ? i + 2 : i + 1, end = first;
            while (end < doc.size() && (fenced ? doc[end].rfind("```", 0) != 0 : !doc[end].empty())) ++end;
            REQUIRE((!fenced || end < doc.size()));
            auto x = render(root, m[1].str());
            INFO(x.error);
            REQUIRE(x.error.empty());
            std::vector<std::string> expected;
            for (std::size_t k = first; k < end && doc[k].rfind("$ ", 0) == 0; ++k) expected.push_back(doc[k]);
            expected.insert(expected.end(), x.lines.begin(), x.lines.end());
            std::vector<std::string> got(doc.begin() + static_cast<std::ptrdiff_t>(first),
                                         doc.begin() + static_cast<std::ptrdiff_t>(end));
            if (update) {
                changed = changed || got != expected;
            } else {
                CHECK(got == expected);
            }
            if (fenced) out.push_back(doc[i + 1]);
            out.insert(out.end(), expected.begin(), expected.end());
            if (fenced) out.push_back(doc[end]);
            i = fenced ? end : end - 1;
        }
        if (update && changed) {
            std::ofstream o(file);
            for (const auto& l : out) o << l << "\n";
        }
    }
    // The README's sample and the reports documentation are quoted this way at least.
    CHECK(markers >= 10);
}
