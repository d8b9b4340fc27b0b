// The parts catalog: public datasheet figures (power, price, rack space, ports) of the nodes, NICs, switches,
// transceivers, cables, drives, servers and enclosures a spec names by part. Every figure says where it comes
// from and as of when; one without a public source is marked illustrative.
#pragma once

#include "archplan/spec/diagnostics.hpp"

#include <optional>
#include <string>
#include <vector>

namespace archplan::spec {

// One figure of a part, with its provenance (the part's own unless the figure overrides it).
struct PartFigure {
    double value = 0;
    bool given = false;
    std::string source;        // a public address, or "spec.yaml:31" for a value a spec overrides
    std::string as_of;         // "2024-03" or "2024-03-15"
    bool illustrative = false; // no public source: a placeholder to replace with a quote
};

// The four power figures a procurement asks for, in watts: nameplate (the power supplies' rating), peak (the most
// it draws), nominal (typical under load) and idle. A part that draws a constant power gives one figure for all.
struct PartPower {
    PartFigure nameplate, peak, nominal, idle;
    [[nodiscard]] bool given() const { return peak.given; }
};

enum class PartKind { node, nic, switch_, transceiver, cable, drive, server, enclosure };
const char* part_kind_name(PartKind k); // "node", "nic", "switch", ...

struct Part {
    std::string name;
    PartKind kind = PartKind::node;
    std::string description;
    PartPower power;       // W; a switch's and a server's without optics or drives (added bottom-up)
    PartFigure price;      // USD each
    PartFigure rack_units; // U
    PartFigure ports;      // nic, switch: ports (a NIC card's ports)
    std::string defined;   // where: "catalog data/catalog.yaml:12", or the spec file and line
};

struct Catalog {
    std::string name; // "the shipped catalog" or the file it was read from
    std::vector<Part> parts;
    [[nodiscard]] const Part* find(const std::string& part) const;
};

struct CatalogResult {
    std::optional<Catalog> catalog;
    Diagnostics diagnostics;
};

// Parses and validates a catalog file (docs/catalog.md): unknown keys, a part without a source or date, a negative
// power or price are errors.
CatalogResult load_catalog(const std::string& text, const std::string& file);

// The catalog shipped with archplan (data/catalog.yaml, built in).
const Catalog& shipped_catalog();

// `base` with the parts of `more` added; a part of the same name is replaced by more's.
Catalog extend_catalog(const Catalog& base, const Catalog& more);

// Days since 1970-01-01 of "YYYY-MM" (its first day) or "YYYY-MM-DD"; nullopt when malformed.
std::optional<long> day_number(const std::string& date);

} // namespace archplan::spec
