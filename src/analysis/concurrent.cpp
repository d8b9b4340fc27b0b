// Requirements that run at the same time, on the routed loads of each.
#include "archplan/analysis/analysis.hpp"

#include <algorithm>

namespace archplan::analysis {

using model::VertexKind;

ConcurrentResult analyse_concurrent(const spec::Spec& spec, const model::SystemGraph& g, std::size_t index,
                                    const std::vector<BandwidthResult>& results) {
    const auto& group = spec.concurrent[index];
    const auto& edges = g.edges();
    const auto& verts = g.vertices();
    ConcurrentResult r;
    r.group = index;
    std::vector<double> load(edges.size(), 0.0);
    std::vector<const BandwidthResult*> members;
    for (const auto& id : group.requirements)
        for (const auto& b : results)
            if (spec.bandwidth[b.requirement].id == id) members.push_back(&b);
    for (const auto* m : members)
        for (std::size_t e = 0; e < edges.size(); ++e) load[e] += m->routed.edge_load[e];

    auto consider = [&](double u, const std::string& name) {
        if (u > r.max_utilisation) {
            r.max_utilisation = u;
            r.binding = name;
        }
    };
    for (std::size_t e = 0; e < edges.size(); ++e) {
        auto sk = verts[edges[e].source].kind, tk = verts[edges[e].target].kind;
        bool internal = (sk == VertexKind::server_nic || sk == VertexKind::server_ctrl || sk == VertexKind::server_drives) &&
                        (tk == VertexKind::server_nic || tk == VertexKind::server_ctrl || tk == VertexKind::server_drives);
        if (!internal && load[e] > 0) consider(load[e] / edges[e].capacity, g.classes()[edges[e].cls].name);
    }
    // A controller and a drive set serve reads and writes from one budget.
    for (const auto& grp : g.groups()) {
        if (!grp.is_storage) continue;
        for (std::uint32_t i = 0; i < grp.count; ++i) {
            double ctrl = 0, drives = 0;
            auto ctrl_v = grp.first_ctrl + i;
            for (auto e : g.out_edges(ctrl_v)) {
                double u = load[e] / edges[e].capacity;
                (edges[e].target == grp.first_drives + i ? drives : ctrl) += u; // drive writes, or controller reads
            }
            for (auto e : g.in_edges(ctrl_v)) {
                double u = load[e] / edges[e].capacity;
                (edges[e].source == grp.first_drives + i ? drives : ctrl) += u; // drive reads, or controller writes
            }
            consider(ctrl, grp.name + " controller (reads + writes)");
            consider(drives, grp.name + " drives (reads + writes)");
        }
    }
    r.scale = r.max_utilisation > 0 ? 1.0 / r.max_utilisation : 0.0;
    r.met = meets(r.scale, 1.0);
    for (const auto* m : members) r.achievable.emplace_back(spec.bandwidth[m->requirement].id, m->required * r.scale);
    return r;
}

} // namespace archplan::analysis
