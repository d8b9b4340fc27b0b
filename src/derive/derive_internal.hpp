// Pieces of the derive module shared between its source files.
#pragma once

#include "archplan/derive/derive.hpp"

#include <string>
#include <vector>

namespace archplan::derive {

using document::Figure;
using document::Finding;
using document::Line;
using document::LineKind;
using document::RequirementKind;
using document::RequirementRow;
using document::Section;
using document::SectionKind;
using document::Status;
using document::Team;
using document::Unit;

// A dimensionless input (efficiency, amplification, bytes per parameter), echoed with up to 6 digits
// and no trailing zeros.
std::string exact(double v);
// "1 link", "16 links"
std::string count_of(double n, const char* one, const char* many);
std::string rate(double bytes_per_second);
// The report's team for a model element class's team.
document::Team team_of(model::Team t);
std::string size(double bytes);
std::string bits(double bytes_per_second); // as a bit rate: "400 Gb/s"
std::string dur(double seconds);
std::string hours(double h);

// The team lines being built, one list per team, in the order derive finds them.
struct TeamLists {
    std::vector<Line> compute, network, storage;
    std::vector<Line>& of(Team t) { return t == Team::compute ? compute : t == Team::storage ? storage : network; }
};

// A line with its key ("team/<team>/<kind>/<requirement>/<qualifier>"), headroom (provisioned / needed - 1)
// and status (ok unless short by more than the "met" tolerance). `qualifier` tells apart lines of one kind
// for one requirement: the element class, group or system.
Line make_line(Team team, LineKind kind, std::string element, std::string applies_to, std::string requirement,
               const std::string& qualifier, Figure needed, Figure provisioned, std::string derivation);

// A section keyed `key`; add() appends a figure keyed "<key>/<name>".
struct SectionBuilder {
    Section section;
    SectionBuilder(std::string key, SectionKind kind, std::string id, std::string path);
    void add(const std::string& name, double value, Unit unit, std::string how, bool headline = false);
    void result(std::string text) { section.findings.push_back({Finding::Kind::result, std::move(text)}); }
    void caveat(std::string text) { section.findings.push_back({Finding::Kind::caveat, std::move(text)}); }
};

// The requirement kind and origin as the document names them.
document::Origin origin_of(spec::Origin o);

// Adds the workload sections, the concurrency rows and the team lines workloads imply.
void derive_workloads(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep, TeamLists& teams);

// Adds the capacity-plan and durability sections, their requirement rows, fixes and the storage team's lines.
void derive_storage(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep, TeamLists& teams);

// Adds the failure-scenario table, with each scenario's facts written out from its numbers.
// Each scenario names the teams it hits: whose elements it fails, whose element binds a requirement it leaves unmet.
void derive_scenarios(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a, document::Report& rep);

// Adds the bill of materials: switches, links, cables and optics; nodes and NIC ports; servers and drives.
void derive_inventory(const spec::Spec& spec, const model::SystemGraph& g, document::Report& rep);

// Adds facilities: power per element class with a part and in total, racks against their feed, checkpoint power swings.
void derive_facilities(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a, document::Report& rep);

// Adds finance: capital cost per team, energy per year, and the node time not computing (after derive_facilities).
void derive_finance(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep);

// Adds the tenants table (every floor at once, per operating state) and each tenant's section with its knobs. `spec`
// is the analysed one (a.effective): the flows index into its requirements.
void derive_tenants(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep);

// For a requirement derived from a workload: how its figure was found; empty otherwise.
std::string origin_derivation(const analysis::Analysis& a, const spec::BandwidthRequirement& req);

} // namespace archplan::derive
