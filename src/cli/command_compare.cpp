// archplan compare SPEC [SPEC...]: the design as written against its variants, or whole specs against each other.
#include "commands.hpp"
#include "pipeline.hpp"

#include "archplan/compare/compare.hpp"
#include "archplan/plan/evaluate.hpp"
#include "archplan/report/report.hpp"
#include "archplan/spec/knobs.hpp"
#include "archplan/units/units.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <memory>

namespace archplan::cli {

namespace {

struct Design {
    std::string name, source;
    spec::Spec spec;
};

std::string override_text(const spec::Spec& base, const spec::Override& o) {
    auto k = spec::find_knob(base, o.path);
    auto value = k.knob && !k.knob->is_count() ? units::format_percent(o.value) : units::format_count(o.value);
    return fmt::format("{} = {}", o.path, value);
}

} // namespace

int command_compare(const CompareOptions& o) {
    std::vector<Design> designs;
    for (const auto& path : o.specs) {
        int code = 0;
        auto spec = read_spec_file(path, std::cerr, code);
        if (!spec) return code;
        if (o.specs.size() == 1) {
            if (spec->variants.empty()) {
                std::cerr << fmt::format("{}: error: the spec has no variants to compare; add a 'variants' list (docs/spec.md) "
                                         "or name two or more specs\n",
                                         path);
                return bad_input;
            }
            for (const auto& v : spec->variants) {
                std::string set;
                for (const auto& s : v.set) set += (set.empty() ? "" : ", ") + override_text(*spec, s);
                designs.push_back({v.name, fmt::format("{}, variant {}: {}", path, v.name, set), spec::with_variant(*spec, v)});
            }
            spec->variants.clear();
            designs.insert(designs.begin(), Design{"base", path + " as written", std::move(*spec)});
        } else {
            auto name = std::filesystem::path(path).stem().string();
            for (const auto& d : designs)
                if (d.name == name) name = path; // two specs of one name: the path tells them apart
            spec->variants.clear();
            designs.push_back({name, path, std::move(*spec)});
        }
    }
    std::size_t reference = 0;
    if (!o.reference.empty()) {
        std::vector<std::string> names;
        for (const auto& d : designs) names.push_back(d.name);
        auto it = std::find(names.begin(), names.end(), o.reference);
        if (it == names.end()) {
            auto near = spec::nearest(o.reference, names);
            std::cerr << fmt::format("archplan: error: --reference '{}' names no column (they are: {}){}\n", o.reference,
                                     fmt::join(names, ", "), near.empty() ? "" : "; did you mean '" + near + "'?");
            return bad_input;
        }
        reference = static_cast<std::size_t>(it - names.begin());
    }
    // Each design evaluated whole (failure scenarios too), but no smallest-change search: a review compares designs.
    plan::Options options;
    options.analyse.fixes = false;
    std::vector<std::unique_ptr<plan::Evaluation>> evaluations;
    std::vector<compare::Column> columns;
    for (auto& d : designs) {
        auto ev = plan::evaluate(std::move(d.spec), options);
        if (!ev.value) {
            std::cerr << fmt::format("archplan: error: '{}' ({}) cannot be evaluated{}\n", d.name, d.source,
                                     ev.sizing_problem.empty() ? "" : ": " + ev.sizing_problem);
            print_diagnostics(ev.diagnostics, std::cerr);
            return bad_input;
        }
        evaluations.push_back(std::make_unique<plan::Evaluation>(std::move(*ev.value)));
        columns.push_back({d.name, d.source, &evaluations.back()->report});
    }
    auto cmp = compare::compare(columns, reference);
    if (o.format == "json")
        report::render_compare_json(cmp, std::cout);
    else if (o.format == "csv")
        report::render_compare_csv(cmp, std::cout);
    else if (o.format == "md")
        report::render_compare_markdown(cmp, std::cout);
    else
        report::render_compare_text(cmp, std::cout);
    if (!o.output_dir.empty()) {
        std::vector<std::pair<std::string, std::string>> files{
            {"compare.md", rendered([&](std::ostream& s) { report::render_compare_markdown(cmp, s); })},
            {"compare.json", rendered([&](std::ostream& s) { report::render_compare_json(cmp, s); })},
            {"compare.csv", rendered([&](std::ostream& s) { report::render_compare_csv(cmp, s); })},
            {"compare.html", rendered([&](std::ostream& s) { report::render_compare_html(cmp, s); })}};
        if (auto bars = report::svg_compare(cmp); !bars.empty()) files.emplace_back("compare.svg", bars);
        if (auto error = write_reports(o.output_dir, files); !error.empty()) {
            std::cerr << fmt::format("archplan: error: {}\n", error);
            return internal_error;
        }
    }
    return all_met; // every design was evaluated; what each meets is in the comparison
}

} // namespace archplan::cli
