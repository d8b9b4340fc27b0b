// Graphviz DOT of the system graph, coloured by one requirement's routed load (healthy or under a scenario).
// Small systems get a node per element; large ones a node per element class with its count ("leaf[gpu] x128"),
// parallel links merged into one edge labelled with their number. One rank per tier.
#include "archplan/draw/dot.hpp"

#include "archplan/analysis/scenario.hpp"
#include "archplan/spec/diagnostics.hpp"
#include "archplan/units/units.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace archplan::draw {

using model::VertexKind;

namespace {

// Bottom to top: drives, controllers and clients, endpoints, leaves, spines or aggregation, core.
int rank_of(VertexKind k) {
    switch (k) {
    case VertexKind::server_drives: return 0;
    case VertexKind::server_ctrl: return 1;
    case VertexKind::client: return 1;
    case VertexKind::compute:
    case VertexKind::server_nic:
    case VertexKind::router: return 2;
    case VertexKind::leaf: return 3;
    case VertexKind::spine:
    case VertexKind::aggregation: return 4;
    case VertexKind::core: return 5;
    }
    return 2;
}

const char* kind_word(VertexKind k) {
    switch (k) {
    case VertexKind::compute: return "node";
    case VertexKind::leaf: return "leaf";
    case VertexKind::spine: return "spine";
    case VertexKind::aggregation: return "aggregation";
    case VertexKind::core: return "core";
    case VertexKind::server_nic: return "server NIC";
    case VertexKind::server_ctrl: return "controller";
    case VertexKind::server_drives: return "drives";
    case VertexKind::client: return "client";
    case VertexKind::router: return "router";
    }
    return "element";
}

// A DOT string: quotes and backslashes escaped, line breaks as DOT's "\\n".
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// Line width by the rate of one link: thin below 25 GB/s (200 Gb/s), then 50, 100, above.
double width_of(double per_link) { return per_link < 25e9 ? 1.0 : per_link < 50e9 ? 2.0 : per_link < 100e9 ? 3.0 : 4.0; }

struct Drawer {
    const plan::Evaluation& ev;
    const model::SystemGraph& g;
    std::vector<std::string> network_of; // per vertex, for switches

    // What a vertex belongs to: its endpoint group, or its network and (for a leaf) its shape.
    std::string owner_of(std::uint32_t v) const {
        const auto& x = g.vertices()[v];
        switch (x.kind) {
        case VertexKind::compute:
        case VertexKind::server_nic:
        case VertexKind::server_ctrl:
        case VertexKind::server_drives:
        case VertexKind::client:
        case VertexKind::router: return g.groups()[x.owner].name;
        case VertexKind::leaf: {
            const auto* net = ev.spec.find_network(network_of[v]);
            // A dragonfly's switches without endpoints are leaves of no shape.
            return net && x.owner < net->leaves.size() ? net->leaves[x.owner].group : std::string("transit");
        }
        default: return network_of[v];
        }
    }
    // The element class a vertex is drawn in, in the class view.
    std::string class_key(std::uint32_t v) const {
        const auto& x = g.vertices()[v];
        if (x.kind == VertexKind::leaf) return fmt::format("{} leaf[{}]", network_of[v], owner_of(v));
        if (x.kind == VertexKind::spine || x.kind == VertexKind::aggregation || x.kind == VertexKind::core)
            return fmt::format("{} {}", network_of[v], kind_word(x.kind));
        // A router's two sides, one on each network.
        if (x.kind == VertexKind::router) {
            const auto& grp = g.groups()[x.owner];
            return fmt::format("{} {} ({})", grp.name, kind_word(x.kind), v >= grp.first_side_b ? grp.network_b : grp.network_a);
        }
        // A storage system's cluster NICs are server NIC vertices too; tell them apart by their network.
        if (x.kind == VertexKind::server_nic && !network_of[v].empty())
            return fmt::format("{} {} ({})", owner_of(v), kind_word(x.kind), network_of[v]);
        return fmt::format("{} {}", owner_of(v), kind_word(x.kind));
    }
    std::string element_name(std::uint32_t v) const {
        const auto& x = g.vertices()[v];
        // Aggregation switches are numbered within their pod and core switches within their plane: both numbers.
        if (x.kind == VertexKind::aggregation || x.kind == VertexKind::core)
            return fmt::format("{} {}.{}", class_key(v), x.owner, x.index);
        if (x.kind == VertexKind::leaf || x.kind == VertexKind::spine) return fmt::format("{} {}", class_key(v), x.index);
        if (x.kind == VertexKind::server_nic && !network_of[v].empty()) return fmt::format("{} {}", class_key(v), x.index);
        if (x.kind == VertexKind::router) return fmt::format("{} {}", class_key(v), x.index);
        return fmt::format("{}[{}] {}", owner_of(v), x.index, kind_word(x.kind));
    }
};

} // namespace

DotResult dot(const plan::Evaluation& ev, const DotOptions& o) {
    DotResult out;
    const auto& g = ev.graph;
    const auto& a = ev.analysis;
    // The requirement and the scenario.
    const analysis::BandwidthResult* chosen = nullptr;
    std::vector<std::string> ids;
    for (const auto& b : a.bandwidth) {
        const auto& id = a.requirement(b).id;
        ids.push_back(id);
        if (!chosen && (o.requirement.empty() || id == o.requirement)) chosen = &b;
    }
    if (!o.requirement.empty() && !chosen) {
        auto near = spec::nearest(o.requirement, ids);
        out.error = fmt::format("--requirement '{}' is not a bandwidth requirement of this design ({}){}", o.requirement,
                                ids.empty() ? std::string("it has none") : fmt::format("{}", fmt::join(ids, ", ")),
                                near.empty() ? "" : fmt::format("; did you mean '{}'?", near));
        return out;
    }
    const spec::Scenario* scenario = nullptr;
    std::vector<spec::Scenario> all =
        a.effective.default_scenarios ? analysis::default_scenarios(a.effective) : std::vector<spec::Scenario>{};
    all.insert(all.end(), a.effective.scenarios.begin(), a.effective.scenarios.end());
    if (!o.scenario.empty()) {
        std::vector<std::string> names;
        for (const auto& sc : all) {
            names.push_back(sc.id);
            if (sc.id == o.scenario) scenario = &sc;
        }
        if (!scenario) {
            auto near = spec::nearest(o.scenario, names);
            out.error = fmt::format("--scenario '{}' is not a failure scenario of this design ({}){}", o.scenario,
                                    fmt::join(names, ", "), near.empty() ? "" : fmt::format("; did you mean '{}'?", near));
            return out;
        }
    }
    analysis::RoutedView view;
    std::string title = ev.spec.name.empty() ? ev.spec.file : ev.spec.name;
    std::string what = "no bandwidth requirement: capacities only";
    if (chosen) {
        const auto& req = a.requirement(*chosen);
        bool write = req.direction == spec::Direction::write;
        view = analysis::route_view(a.effective, g, *chosen, scenario);
        what = fmt::format("{} ({} {}, {} {} {}{})", req.id, units::format_rate(chosen->required), write ? "write" : "read",
                           req.from, write ? "->" : "<-", req.to, scenario ? ", under " + scenario->id : "");
        if (view.unavailable) what += ": its data is unavailable in this scenario";
    } else {
        view.dead.assign(g.vertex_count(), 0);
        for (const auto& e : g.edges()) view.capacity.push_back(e.capacity);
    }
    const auto& load = view.routed.edge_load;
    std::set<std::uint32_t> bottleneck;
    for (std::size_t i = 0; i < view.routed.tied && i < view.routed.classes.size(); ++i)
        bottleneck.insert(view.routed.classes[i].cls);

    Drawer d{ev, g, std::vector<std::string>(g.vertex_count())};
    for (const auto& e : g.edges()) {
        const auto& net = g.classes()[e.cls].network;
        if (net.empty()) continue;
        for (auto v : {e.source, e.target}) {
            auto k = g.vertices()[v].kind;
            bool endpoint = k == VertexKind::compute || k == VertexKind::router;
            if (!endpoint && d.network_of[v].empty()) d.network_of[v] = net;
        }
    }
    // A storage system's own NICs get no network suffix; its cluster NICs do.
    for (const auto& grp : g.groups())
        if (grp.is_storage)
            for (std::uint32_t i = 0; i < grp.count; ++i) d.network_of[grp.first_vertex + i].clear();

    bool elements = g.vertex_count() <= o.element_threshold;
    auto node_of = [&](std::uint32_t v) { return elements ? d.element_name(v) : d.class_key(v); };

    // Nodes: name -> (rank, count, dead count).
    struct Node {
        int rank = 0;
        std::size_t count = 0, dead = 0;
    };
    std::map<std::string, Node> nodes;
    std::vector<std::string> order; // first seen by vertex index: nodes come out in the graph's order
    for (std::uint32_t v = 0; v < g.vertex_count(); ++v) {
        auto name = node_of(v);
        if (!nodes.count(name)) order.push_back(name);
        auto& n = nodes[name];
        n.rank = rank_of(g.vertices()[v].kind);
        ++n.count;
        if (!view.dead.empty() && view.dead[v]) ++n.dead;
    }
    // Edges in the requirement's direction, merged per (from, to, class).
    struct Merged {
        std::uint32_t cls = 0;
        std::size_t links = 0;
        double capacity = 0, load = 0, utilisation = 0, per_link = 0;
        std::size_t edges = 0, dead = 0; // graph edges merged, and those at a failed element
    };
    std::map<std::tuple<std::string, std::string, std::uint32_t>, Merged> edges;
    // Every edge the requirement loads; of a link it does not load, its upward edge only (capacity, no colour).
    for (std::size_t e = 0; e < g.edges().size(); ++e) {
        const auto& x = g.edges()[e];
        auto& m = edges[{node_of(x.source), node_of(x.target), x.cls}];
        m.cls = x.cls;
        m.links += x.links;
        double cap = view.capacity.empty() ? x.capacity : view.capacity[e];
        m.capacity += cap;
        double l = load.empty() ? 0.0 : load[e];
        m.load += l;
        if (cap > 0) m.utilisation = std::max(m.utilisation, l / cap);
        m.per_link = std::max(m.per_link, x.capacity / std::max<std::uint32_t>(x.links, 1));
        ++m.edges;
        if (!view.dead.empty() && (view.dead[x.source] || view.dead[x.target])) ++m.dead;
    }

    std::string s;
    s += "// Generated by archplan graph: Graphviz DOT (docs/reports.md, pictures). Render: dot -Tsvg topology.dot\n";
    s += "digraph archplan {\n";
    s += fmt::format("  label={};\n  labelloc=t;\n  fontname=\"Helvetica\";\n  rankdir=BT;\n  bgcolor=\"#eeeeee\";\n",
                     quoted(fmt::format("{}\n{}\n{}", title, what,
                                        elements ? "every element drawn"
                                                 : fmt::format("element classes (more than {} elements)", o.element_threshold))));
    s += "  node [shape=box, style=filled, fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n";
    s += "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.5];\n";
    std::map<int, std::vector<std::string>> ranks;
    for (const auto& name : order) {
        const auto& n = nodes[name];
        std::string label = n.count > 1 ? fmt::format("{} x{}", name, units::format_count(static_cast<double>(n.count))) : name;
        std::string style;
        if (n.dead == n.count && n.dead > 0)
            style = ", style=\"filled,dashed\", fillcolor=\"#bbbbbb\"", label += "\n(down)";
        else if (n.dead > 0)
            label += fmt::format("\n({} down)", units::format_count(static_cast<double>(n.dead)));
        s += fmt::format("  {} [label={}{}];\n", quoted(name), quoted(label), style);
        ranks[n.rank].push_back(name);
    }
    for (const auto& [rank, names] : ranks) {
        s += "  { rank=same;";
        for (const auto& nm : names) s += " " + quoted(nm) + ";";
        s += " }\n";
    }
    std::set<std::pair<std::string, std::string>> loaded; // node pairs, either way round, with load
    for (const auto& [key, m] : edges)
        if (m.load > 0) {
            loaded.insert({std::get<0>(key), std::get<1>(key)});
            loaded.insert({std::get<1>(key), std::get<0>(key)});
        }
    for (const auto& [key, m] : edges) {
        const auto& [from, to, cls] = key;
        if (m.load <= 0 && (!g.classes()[m.cls].upward || loaded.count({from, to}))) continue;
        const auto& band = document::band_of(m.utilisation);
        bool binds = bottleneck.count(m.cls) > 0;
        std::string label =
            fmt::format("{}{}x{}, {}", binds ? "BOTTLENECK\n" : "", g.classes()[m.cls].element + "\n",
                        units::format_count(static_cast<double>(m.links)), units::format_rate(units::BytesPerSecond(m.capacity)));
        if (m.dead > 0 && m.dead < m.edges) label += fmt::format("\n({} of {} down)", m.dead, m.edges);
        if (m.load > 0)
            label += fmt::format("\nneeds {} ({})", units::format_rate(units::BytesPerSecond(m.load)),
                                 units::format_percent(m.utilisation));
        bool down = m.dead > 0 && m.dead == m.edges;
        std::string style = down ? "dashed" : binds ? "bold" : "solid";
        s += fmt::format("  {} -> {} [color={}, penwidth={}, style={}, label={}];\n", quoted(from), quoted(to),
                         quoted(down ? std::string("#999999") : band.colour), width_of(m.per_link) + (binds ? 2 : 0), style,
                         quoted(label));
    }
    // The legend: one node, a row of swatches (one per band) and what widths and styles mean.
    std::string cells;
    for (const auto& b : document::utilisation_bands())
        cells += fmt::format("<td bgcolor=\"{}\" border=\"1\" width=\"18\"> </td><td>{}</td>", b.colour, b.label);
    s += fmt::format("  legend [shape=plaintext, fontsize=8, label=<<table border=\"0\" cellspacing=\"3\"><tr><td colspan=\"18\">"
                     "utilisation of the busiest link of each edge; line width: rate of one link (under 25 GB/s, 50, 100, "
                     "above); bold: the bottleneck; dashed: down in the scenario</td></tr><tr>{}</tr></table>>];\n",
                     cells);
    s += "}\n";
    out.dot = std::move(s);
    return out;
}

} // namespace archplan::draw
