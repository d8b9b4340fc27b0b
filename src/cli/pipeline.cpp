// Reads a spec file and runs the loader and the graph builder, printing every diagnostic.
#include "pipeline.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace archplan::cli {

namespace {
constexpr std::size_t max_spec_bytes = 16u << 20; // a spec is a few kB; refuse to parse a 1 GB accident
constexpr std::size_t max_shown = 50;

void print(const spec::Diagnostics& d, std::ostream& err) {
    std::size_t shown = 0;
    for (const auto& item : d.items()) {
        if (shown++ == max_shown) {
            err << fmt::format("{}: error: {} more errors not shown\n", d.file(), d.items().size() - max_shown);
            break;
        }
        err << spec::format_diagnostic(item) << "\n";
    }
}
} // namespace

std::optional<Loaded> load_spec_file(const std::string& path, std::ostream& err, int& code) {
    std::error_code kind_error;
    if (std::filesystem::is_directory(path, kind_error)) {
        err << fmt::format("{}: error: is a directory, not a spec file\n", path);
        code = bad_input;
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err << fmt::format("{}: error: cannot open the spec file\n", path);
        code = bad_input;
        return std::nullopt;
    }
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_spec_bytes) {
        err << fmt::format("{}: error: the spec file is {} bytes; archplan reads specs up to {} bytes\n", path, size,
                           max_spec_bytes);
        code = bad_input;
        return std::nullopt;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    auto text = buf.str();
    auto loaded = spec::load_string(text, path);
    if (!loaded.spec) {
        print(loaded.diagnostics, err);
        code = bad_input;
        return std::nullopt;
    }
    auto sizing = analysis::size_autos(*loaded.spec);
    auto built = model::build(sizing.spec);
    if (!built.graph) {
        if (!sizing.problem.empty()) err << fmt::format("{}: error: cannot size the auto counts: {}\n", path, sizing.problem);
        print(built.diagnostics, err);
        code = bad_input;
        return std::nullopt;
    }
    return Loaded{std::move(sizing.spec), std::move(*built.graph), std::move(sizing.sized), std::move(sizing.problem)};
}

} // namespace archplan::cli
