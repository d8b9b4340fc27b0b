// The terminal summary.
#include "archplan/report/report.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace archplan::report {

using units::format_percent;

std::string format_figure(const derive::Figure& f) {
    switch (f.unit) {
    case derive::Unit::bytes: return units::format_size(units::Bytes(f.value));
    case derive::Unit::rate: return units::format_rate(units::BytesPerSecond(f.value));
    case derive::Unit::count: return units::format_count(f.value);
    case derive::Unit::ratio: return units::format_sig(f.value) + ":1";
    case derive::Unit::seconds: return units::format_duration(units::Seconds(f.value));
    case derive::Unit::share: return units::format_percent(f.value);
    case derive::Unit::per_second: return units::format_per_second(f.value);
    case derive::Unit::nines: return units::format_sig(f.value) + " nines";
    case derive::Unit::hours: return units::format_duration(units::Seconds(f.value * 3600));
    case derive::Unit::probability: return fmt::format("{:.3g}", f.value);
    }
    return units::format_sig(f.value);
}

std::string headroom_text(double headroom) {
    return headroom >= 0 ? format_percent(headroom) + " headroom" : "short by " + format_percent(-headroom);
}

void render_text(const derive::Report& r, std::ostream& out) {
    out << fmt::format("archplan: {}\n", r.title.empty() ? r.spec_file : r.title);
    out << fmt::format("{}\n\n", r.all_met ? "All requirements are met." : "Some requirements are NOT met.");
    if (!r.sized.empty()) {
        out << "Sized by archplan (auto)\n";
        for (const auto& z : r.sized)
            out << fmt::format("  {} = {}{}\n", z.knob, z.value,
                               z.forced_by.empty() ? std::string() : fmt::format(" (one less fails {})", z.forced_by));
        if (!r.sizing_problem.empty()) out << fmt::format("  {}\n", r.sizing_problem);
        out << "\n";
    }
    out << "Requirements\n";
    for (const auto& q : r.requirements) {
        out << fmt::format("  {:<7} {} ({}, {})\n", q.met ? "MET" : "NOT MET", q.id, q.kind, q.path);
        bool bandwidth = q.kind.find("bandwidth") != std::string::npos;
        if (q.kind == "usable capacity" || q.kind == "capacity plan")
            out << fmt::format("          required {}, plannable {}\n", format_figure(q.required), format_figure(q.achievable));
        else if (!bandwidth)
            out << fmt::format("          required {}, this design {}\n", format_figure(q.required), format_figure(q.achievable));
        else
            out << fmt::format("          required {}, achievable {} (routed), {} (ideal)\n", format_figure(q.required),
                               format_figure(q.achievable), format_figure(q.ideal));
        if (bandwidth)
            out << fmt::format("          bottleneck: {} at {} utilisation ({})\n", q.bottleneck, format_percent(q.utilisation),
                               headroom_text(1.0 / q.utilisation - 1.0));
    }
    for (const auto& c : r.concurrent) {
        out << fmt::format("  {:<7} {} (run at once: ", c.met ? "MET" : "NOT MET", c.id);
        for (std::size_t i = 0; i < c.members.size(); ++i) out << (i ? ", " : "") << c.members[i];
        out << fmt::format(")\n          {} of every member's required figure fits; binding: {} at {}\n", format_percent(c.scale),
                           c.binding, format_percent(c.utilisation));
    }
    if (!r.workloads.empty()) out << "\nWorkloads\n";
    for (const auto& w : r.workloads) {
        out << fmt::format("  {} ({}, {})\n", w.id, w.kind, w.path);
        for (const auto& f : w.figures)
            if (f.headline) out << fmt::format("          {}: {}\n", f.name, format_figure(f.value));
        for (const auto& f : w.findings) out << fmt::format("          {}\n", f);
    }
    for (const auto& sec : r.storage_sections) {
        bool first = true;
        for (const auto& f : sec.figures)
            if (f.headline) {
                if (first)
                    out << fmt::format(
                        "{}  {} ({})\n",
                        sec.kind == r.storage_sections.front().kind && &sec == &r.storage_sections.front() ? "\nStorage\n" : "",
                        sec.id + " " + sec.kind, sec.path);
                first = false;
                out << fmt::format("          {}: {}\n", f.name, format_figure(f.value));
            }
        if (!first)
            for (const auto& f : sec.findings)
                if (f.rfind("MTTDL assumes", 0) != 0) out << fmt::format("          {}\n", f);
    }
    if (!r.scenarios.empty()) {
        out << "\nFailure scenarios (routed achievable; * = not met)\n";
        std::size_t w = 10;
        for (const auto& sc : r.scenarios) w = std::max(w, sc.id.size());
        out << fmt::format("  {:<{}}", "", w);
        for (const auto& id : r.scenario_requirements) out << fmt::format("  {:>16}", id.size() > 16 ? id.substr(0, 16) : id);
        out << "\n";
        for (const auto& sc : r.scenarios) {
            out << fmt::format("  {:<{}}", sc.id, w);
            for (const auto& c : sc.cells) {
                auto v = !c.note.empty() && c.achievable.value <= 0 ? std::string("unavailable") : format_figure(c.achievable);
                out << fmt::format("  {:>16}", v + (c.met ? " " : "*"));
            }
            out << "\n";
        }
    }
    out << "\nTeams\n";
    for (const auto& t : r.teams) {
        if (t.headline.empty()) continue;
        out << fmt::format("  {:<8} {}\n", t.name, t.headline);
    }
    for (const auto& f : r.fixes) {
        out << fmt::format("\nTo meet {}, change one of:\n", f.requirement);
        int shown = 0;
        for (const auto& o : f.options) {
            if (o.to == 0) continue;
            out << fmt::format("  {} {} -> {}\n", o.knob, o.from, o.to);
            ++shown;
        }
        for (const auto& o : f.options) // advice that is not a count, e.g. a rebuild mode
            if (shown > 0 && o.to == 0 && o.knob.find(".rebuild") != std::string::npos)
                out << fmt::format("  {}: {}\n", o.knob, o.note);
        if (shown == 0) {
            out << "  (no single change meets it)\n";
            for (const auto& o : f.options) out << fmt::format("  {}: {}\n", o.knob, o.note);
        }
    }
    out << "\nRun with -o DIR for the team reports, every figure's derivation and results.json.\n";
}

} // namespace archplan::report
