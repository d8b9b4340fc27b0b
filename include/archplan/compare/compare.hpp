// Comparison of several evaluated designs (issue 11): the rows every review asks about, read from the keyed
// report documents, with deltas against a reference column. docs/reports.md, "Compare", lists the rows.
#pragma once

#include "archplan/document/comparison.hpp"
#include "archplan/document/document.hpp"

#include <string>
#include <vector>

namespace archplan::compare {

// One figure (or verdict, or text) of a report as a review reads it: the rows of a comparison, the columns of a sweep.
struct Row {
    std::string key, section, label;
    document::Better better = document::Better::neither;
    document::CompareCell cell; // value, text and met; the deltas are the comparison's
};
std::vector<Row> rows_of(const document::Report& r);

struct Column {
    std::string name;
    std::string source;
    const document::Report* report = nullptr;
};

// The rows of every column's report (the union, in first-seen order, a column lacking one gets an empty cell),
// deltas against columns[reference], the best value of each row with a direction, verdict changes first.
document::Comparison compare(const std::vector<Column>& columns, std::size_t reference);

} // namespace archplan::compare
