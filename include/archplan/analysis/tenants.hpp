// Tenants sharing the system (the results; analyse_tenants is in analysis.hpp): each tenant's floor as an admission check on the
// routed loads, and its ceiling as the capacity of its own source edge, in normal operation and under every failure scenario
// (docs/models.md, tenants).
#pragma once

#include "archplan/spec/spec.hpp"

#include <optional>

namespace archplan::analysis {

// One tenant's traffic in one direction: the requirements it owns (whole, or the tenant's share of them), moved in
// proportion to their figures.
struct TenantFlow {
    std::size_t tenant = 0; // index into the spec's tenants
    spec::Direction direction = spec::Direction::write;
    std::optional<double> floor, ceiling; // client bytes/s
    double demand = 0;                    // what its share of its requirements asks, with the margin
    struct Part {
        std::size_t requirement = 0; // index into the analysed spec's bandwidth requirements
        double share = 1.0;          // of the requirement the tenant owns
    };
    std::vector<Part> parts;
    std::string label; // "climate", or "climate (write)" for a tenant with both directions
};

// One flow under one scenario.
struct TenantCheck {
    // Floors: the most every floor crossing this flow's elements can be scaled by (1 / the busiest one's utilisation
    // with every floor at once); the floor holds at >= 1. Infinity when the flow has no floor.
    double room = 0;
    std::string binding;      // the element that sets `room`
    int sharers = 0;          // other flows whose floors load that element
    double room_capacity = 0; // what that element carries of this flow's bytes alone (1 / its utilisation per byte/s)
    // Alone: the most the flow carries with no other traffic, capped at its ceiling.
    double alone = 0;
    std::string alone_binding; // the element, or "ceiling"
    // Ceilings only (token-bucket caps, per-mount limits, no reservation): what is left to the flow while every other
    // flow runs at min(ceiling, alone), capped at its own ceiling.
    double left = 0;
    std::string left_binding;
    double left_others = 0;    // of the utilisation of that element, the share the other flows take
    double left_capacity = 0;  // and what it carries of this flow's bytes alone (1 / its utilisation per byte/s)
    bool holds = true;         // room >= 1 (a flow without a floor holds)
    bool protects = true;      // left >= floor, or the flow cannot move its floor even alone (not the ceilings' doing)
    bool reachable = true;     // alone >= floor
    bool no_path = false;      // the scenario leaves some of its traffic without a path, or its reads unreadable
    std::uint32_t cut_off = 0; // compute nodes with no live leaf (the others carry the flow)
};

struct TenantScenario {
    std::string scenario;              // empty: normal operation
    std::vector<TenantCheck> checks;   // one per flow
    double scale = 0;                  // the smallest room: every floor at once fits scale times over
    double floors = 0;                 // the sum of the floors, bytes/s
    std::vector<std::size_t> squeezed; // flows at the smallest room (the first squeezed), when some floor is given
    bool fits = true;                  // every floor holds
};

struct TenantAnalysis {
    std::vector<TenantFlow> flows;
    // Requirements a tenant owns that the analysis did not derive (a workload whose target is unreachable): the
    // tenant's guarantee for them cannot be checked, so it is not met. Tenant index and requirement id.
    std::vector<std::pair<std::size_t, std::string>> missing;
    std::vector<TenantScenario> scenarios; // normal operation first, then the analysed failure scenarios in order
};

} // namespace archplan::analysis
