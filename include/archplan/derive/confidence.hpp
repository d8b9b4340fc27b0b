// How far to trust a predicted bandwidth: the element class that binds it, sorted into what the validation against
// published systems measured (docs/validation.md), and the band of measured / predicted seen for that sort.
#pragma once

#include "archplan/model/system_graph.hpp"
#include "archplan/spec/spec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace archplan::derive {

enum class Validated {
    ports,              // NIC ports and switch links
    drives_datasheet,   // drives at their datasheet rate (flash, or no kind given)
    drives_positioning, // HDD with positioning per chunk (kind: hdd)
    controller,         // a server's own ceiling
    client,             // a node's file-system client ceiling
    router,             // router forwarding
};
const char* validated_label(Validated v); // "network ports and links", ...

// The sort of the element class `cls` of `g`, built from `spec`.
Validated validated_of(const spec::Spec& spec, const model::SystemGraph& g, std::uint32_t cls);

// Measured / predicted over the published systems in examples/real whose figure that sort binds. The test
// tests/unit/test_validation.cpp recomputes every band from those specs; a sort with no published figure has none.
struct ValidationBand {
    Validated sort = Validated::ports;
    double lo = 0, hi = 0;
    int figures = 0;
    const char* systems = ""; // "CSCS Alps Iopsstor read"
};
const std::vector<ValidationBand>& validation_bands();
const ValidationBand* band_of(Validated v);

// "bound by drives at their datasheet rate: 4 published figures bound there ran at 53%-82% of the prediction
// (docs/validation.md), so expect 53.0 GB/s to 82.0 GB/s" (of 100 GB/s), or, without a band, what is not known.
std::string confidence_text(Validated v, double achievable);
// The same for a figure bound by several classes at once (ties): one band when they are of one sort, else each
// sort's band and that no one band applies.
std::string confidence_text(const std::vector<Validated>& tied, double achievable);

} // namespace archplan::derive
