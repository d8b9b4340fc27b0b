// Input diagnostics: errors tied to a place in a spec file, collected so one run reports them all.
#pragma once

#include <string>
#include <vector>

namespace archplan::spec {

// 1-based line and column of a node in the spec file; 0 when unknown.
struct SourceLoc {
    int line = 0;
    int column = 0;
};

struct Diagnostic {
    std::string file;
    SourceLoc loc;
    std::string message; // lower case, no trailing period
    std::string note;    // e.g. "did you mean 'servers'?"; may be empty
};

class Diagnostics {
public:
    explicit Diagnostics(std::string file = {}) : m_file(std::move(file)) {}
    void error(SourceLoc loc, std::string message, std::string note = {});
    [[nodiscard]] bool empty() const { return m_items.empty(); }
    [[nodiscard]] const std::vector<Diagnostic>& items() const { return m_items; }
    [[nodiscard]] const std::string& file() const { return m_file; }

private:
    std::string m_file;
    std::vector<Diagnostic> m_items;
};

// "path:line:col: error: message" and, when present, "path:line:col: note: ..." on the next line.
std::string format_diagnostic(const Diagnostic& d);

// Levenshtein-based suggestion: the nearest candidate within a small distance, or "".
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

} // namespace archplan::spec
