# CLI tests: exit codes (0 met, 1 not met, 2 bad input or usage, 3 I/O error) and the messages users
# see. include()d from tests/CMakeLists.txt; each test runs run_cli_test.cmake on the archplan binary.

set(ARCHPLAN_CLI_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(ARCHPLAN_CLI_INPUTS "${CMAKE_CURRENT_LIST_DIR}/inputs")

# archplan_cli_test(<name> [ARGS a b ...] [CODE n] [STDOUT re] [STDERR re] [NOT_STDOUT re] [NOT_STDERR re]
#                   [FILES path ...] [REMOVE_BEFORE path] [TIMEOUT s] [WORKDIR dir])
# WORKDIR: where archplan runs, the source directory unless given.
function(archplan_cli_test name)
  cmake_parse_arguments(T "" "CODE;STDOUT;STDERR;NOT_STDOUT;NOT_STDERR;REMOVE_BEFORE;TIMEOUT;WORKDIR" "ARGS;FILES" ${ARGN})
  if(NOT DEFINED T_CODE)
    set(T_CODE 0)
  endif()
  if(NOT DEFINED T_WORKDIR)
    set(T_WORKDIR "${PROJECT_SOURCE_DIR}")
  endif()
  add_test(NAME "cli: ${name}"
           COMMAND ${CMAKE_COMMAND}
                   "-DCMD=$<TARGET_FILE:archplan>"
                   "-DARGS=${T_ARGS}"
                   "-DEXPECT_CODE=${T_CODE}"
                   "-DEXPECT_STDOUT_REGEX=${T_STDOUT}"
                   "-DEXPECT_STDERR_REGEX=${T_STDERR}"
                   "-DREJECT_STDOUT_REGEX=${T_NOT_STDOUT}"
                   "-DREJECT_STDERR_REGEX=${T_NOT_STDERR}"
                   "-DEXPECT_FILES=${T_FILES}"
                   "-DREMOVE_BEFORE=${T_REMOVE_BEFORE}"
                   "-DTIMEOUT=${T_TIMEOUT}"
                   "-DWORKING_DIRECTORY=${T_WORKDIR}"
                   -P "${ARCHPLAN_CLI_DIR}/run_cli_test.cmake")
  set_tests_properties("cli: ${name}" PROPERTIES TIMEOUT 120)
endfunction()

set(customer "${PROJECT_SOURCE_DIR}/specs/customer.yaml")

# --- Usage ------------------------------------------------------------------------------------------
archplan_cli_test("--help exits 0 and lists the check subcommand"
  ARGS --help CODE 0 STDOUT "Usage:.*Subcommands:.*check" NOT_STDERR ".")
archplan_cli_test("check --help exits 0"
  ARGS check --help CODE 0 STDOUT "Validate a spec.*spec")
archplan_cli_test("--version exits 0"
  ARGS --version CODE 0 STDOUT "^archplan [0-9]+\\.[0-9]+\\.[0-9]+")
archplan_cli_test("no arguments is a usage error (2)"
  CODE 2 STDERR "give a spec file" NOT_STDOUT ".")
archplan_cli_test("a missing spec file is a usage error (2)"
  ARGS "${ARCHPLAN_CLI_INPUTS}/no-such-file.yaml" CODE 2 STDERR "no-such-file\\.yaml: error: cannot open the spec file: No such file or directory" NOT_STDOUT ".")
archplan_cli_test("check on a missing spec file is a usage error (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/no-such-file.yaml" CODE 2 STDERR "no-such-file\\.yaml" NOT_STDOUT ".")
archplan_cli_test("check without a spec is a usage error (2)"
  ARGS check CODE 2 STDERR "spec")
archplan_cli_test("a directory is not a spec (2)"
  ARGS "${ARCHPLAN_CLI_INPUTS}" CODE 2 STDERR "directory")
archplan_cli_test("an unknown option is a usage error (2)"
  ARGS --bogus "${customer}" CODE 2 STDERR "--bogus" NOT_STDOUT ".")
archplan_cli_test("--format xml is a usage error (2)"
  ARGS --format xml "${customer}" CODE 2 STDERR "xml" NOT_STDOUT ".")
archplan_cli_test("--help lists every command with its help"
  ARGS --help CODE 0 STDOUT "Subcommands:.*check +Validate a spec.*run +Analyse a spec" NOT_STDERR ".")
archplan_cli_test("run without a spec is a usage error (2)"
  ARGS run CODE 2 STDERR "spec is required" NOT_STDOUT ".")
archplan_cli_test("run --help shows the options of the bare form"
  ARGS run --help CODE 0 STDOUT "spec.*-o,--output.*--format.*--timings")

# --- Subcommands: a misspelt one, and options placed before one --------------------------------------
archplan_cli_test("a misspelt command gets did you mean (2)"
  ARGS chek "${customer}" CODE 2 STDERR "^archplan: error: unknown command 'chek'; did you mean 'check'\\?\n$" NOT_STDOUT ".")
archplan_cli_test("a misspelt run gets did you mean (2)"
  ARGS rnu "${customer}" CODE 2 STDERR "unknown command 'rnu'; did you mean 'run'\\?" NOT_STDOUT ".")
archplan_cli_test("a misspelt command after an option and its value gets did you mean (2)"
  ARGS --format json chek "${customer}" CODE 2 STDERR "unknown command 'chek'; did you mean 'check'\\?" NOT_STDOUT ".")
archplan_cli_test("a missing file far from any command is the missing-file error (2)"
  ARGS no-such-spec.yaml CODE 2 STDERR "^no-such-spec\\.yaml: error: cannot open the spec file" NOT_STDERR "did you mean"
  NOT_STDOUT ".")
archplan_cli_test("an existing file named like a misspelt command is a spec (2)"
  ARGS chek CODE 2 STDERR "^chek:1:1: error: the spec is empty" NOT_STDERR "unknown command"
  WORKDIR "${ARCHPLAN_CLI_INPUTS}/named-chek")
archplan_cli_test("options before run are rejected (2)"
  ARGS -o "${CMAKE_CURRENT_BINARY_DIR}/cli-never" run "${customer}" CODE 2
  STDERR "^archplan: error: options and the spec go after the subcommand, e\\.g\\. 'archplan run SPEC -o DIR'" NOT_STDOUT ".")
archplan_cli_test("options before check are rejected (2)"
  ARGS --format json check "${customer}" CODE 2 STDERR "options and the spec go after the subcommand" NOT_STDOUT ".")
archplan_cli_test("a spec before check is rejected (2)"
  ARGS "${customer}" check "${customer}" CODE 2 STDERR "options and the spec go after the subcommand" NOT_STDOUT ".")

# --- Bad specs: exit 2, "file:line:col: error: ..." on stderr, nothing on stdout -----------------------
archplan_cli_test("a typo is reported at file:line:col with did you mean (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/typo.yaml" CODE 2
  STDERR "typo\\.yaml:26:5: error: storage\\[0\\]\\.servrs: unknown key 'servrs'.*typo\\.yaml:26:5: note: did you mean 'servers'\\?"
  NOT_STDOUT ".")
archplan_cli_test("a typo stops the run command too (2)"
  ARGS "${ARCHPLAN_CLI_INPUTS}/typo.yaml" CODE 2 STDERR "typo\\.yaml:26:5: error: .*did you mean 'servers'" NOT_STDOUT ".")
archplan_cli_test("a bare number for a rate asks for a unit (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/bare-number.yaml" CODE 2
  STDERR "bare-number\\.yaml:6:16: error: requirements\\[0\\]\\.bandwidth: a rate needs a unit")
archplan_cli_test("several errors are reported together (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/several-errors.yaml" CODE 2
  STDERR "several-errors\\.yaml:6:16: error: .*several-errors\\.yaml:12:12: error: .*several-errors\\.yaml:18:12: error: .*several-errors\\.yaml:26:5: error: ")
archplan_cli_test("an empty spec is bad input (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/empty.yaml" CODE 2 STDERR "empty\\.yaml:1:1: error: the spec is empty" NOT_STDOUT ".")
archplan_cli_test("a spec of only comments is bad input (2)"
  ARGS "${ARCHPLAN_CLI_INPUTS}/comments-only.yaml" CODE 2 STDERR "comments-only\\.yaml:1:1: error: the spec is empty")
archplan_cli_test("a binary file is bad input (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/binary.bin" CODE 2
  STDERR "binary\\.bin:1:4: error: this is not a YAML text file" NOT_STDOUT ".")
archplan_cli_test("random bytes are bad input (2)"
  ARGS "${ARCHPLAN_CLI_INPUTS}/junk.bin" CODE 2 STDERR "junk\\.bin:[0-9]+:[0-9]+: error: " NOT_STDOUT ".")
archplan_cli_test("an unclosed bracket is reported with its position (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/unclosed-bracket.yaml" CODE 2
  STDERR "unclosed-bracket\\.yaml:4:1: error: invalid YAML: end of map flow not found")
archplan_cli_test("deep nesting is bad input, not a crash (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/deep-nesting.yaml" CODE 2 STDERR "deep-nesting\\.yaml:[0-9]+:[0-9]+: error: .*nest too deeply"
  TIMEOUT 20)
archplan_cli_test("an alias bomb is bad input, quickly (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/alias-bomb.yaml" CODE 2
  STDERR "alias-bomb\\.yaml:[0-9]+:[0-9]+: error: compute\\[8\\]: expected a map" TIMEOUT 20)
archplan_cli_test("a second YAML document is bad input (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/two-documents.yaml" CODE 2
  STDERR "two-documents\\.yaml:33:1: error: another YAML document starts here")
archplan_cli_test("an impossible design is bad input with the reason (2)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/impossible-ports.yaml" CODE 2
  STDERR "impossible-ports\\.yaml:15:5: error: network 'fab': a spine needs 28 ports \\(22 leaves, each linked to all 4 spines\\) but has 16"
  NOT_STDOUT ".")
archplan_cli_test("an impossible design stops the run command too (2)"
  ARGS "${ARCHPLAN_CLI_INPUTS}/impossible-ports.yaml" CODE 2 STDERR "a spine needs 28 ports" NOT_STDOUT ".")

# --- Good specs ----------------------------------------------------------------------------------------
archplan_cli_test("specs/customer.yaml is met (0)"
  ARGS "${customer}" CODE 0 STDOUT "All requirements are met" NOT_STDERR ".")
archplan_cli_test("check specs/customer.yaml says ok (0)"
  ARGS check "${customer}" CODE 0 STDOUT "customer\\.yaml: ok \\(4 requirements as written, 0 workloads; 2917 vertices, 10288 edges\\)" NOT_STDERR ".")
archplan_cli_test("run specs/customer.yaml is the same as the bare form (0)"
  ARGS run "${customer}" CODE 0 STDOUT "All requirements are met")
archplan_cli_test("--format json prints archplan_results (0)"
  ARGS --format json "${customer}" CODE 0 STDOUT "^\\{.*\"archplan_results\": *3" NOT_STDERR ".")
archplan_cli_test("a small valid spec checks ok (0)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/valid-small.yaml" CODE 0
  STDOUT "valid-small\\.yaml: ok \\(1 requirement as written, 0 workloads; 85 vertices, 252 edges\\)")
archplan_cli_test("check counts workloads apart from the requirements written (0)"
  ARGS check "${PROJECT_SOURCE_DIR}/examples/llama3-405b-goodput.yaml" CODE 0
  STDOUT "llama3-405b-goodput\\.yaml: ok \\(1 requirement as written, 2 workloads; [0-9]+ vertices, [0-9]+ edges\\)")
archplan_cli_test("a requirement not met exits 1"
  ARGS "${ARCHPLAN_CLI_INPUTS}/unmet.yaml" CODE 1 STDOUT "NOT met" NOT_STDERR ".")
archplan_cli_test("check does not analyse, so an unmet spec checks ok (0)"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/unmet.yaml" CODE 0 STDOUT "unmet\\.yaml: ok")

# --- Output directory --------------------------------------------------------------------------------
set(cli_out "${CMAKE_CURRENT_BINARY_DIR}/cli-output")
archplan_cli_test("-o writes the five reports (0)"
  ARGS -o "${cli_out}" "${customer}" CODE 0 REMOVE_BEFORE "${cli_out}"
  FILES "${cli_out}/summary.md" "${cli_out}/compute.md" "${cli_out}/network.md" "${cli_out}/storage.md"
        "${cli_out}/results.json")
archplan_cli_test("-o into an unwritable path is an I/O error (3)"
  ARGS -o /proc/archplan-x "${customer}" CODE 3 STDERR "cannot create '/proc/archplan-x'")
archplan_cli_test("run -o into an unwritable path is an I/O error (3)"
  ARGS run "${customer}" -o /proc/archplan-x CODE 3 STDERR "/proc/archplan-x")

# --- Outputs written whole, inputs bounded (a shell script: /dev/full, a file-size limit, a FIFO) ------
add_test(NAME "cli: I/O errors: full stdout, -o all or nothing, non-regular and oversized specs"
         COMMAND bash "${ARCHPLAN_CLI_DIR}/io_errors.sh" "$<TARGET_FILE:archplan>" "${customer}")
set_tests_properties("cli: I/O errors: full stdout, -o all or nothing, non-regular and oversized specs" PROPERTIES TIMEOUT 120)

# --- --strict: failure scenarios count toward the exit code -----------------------------------------------
archplan_cli_test("--strict exits 1 when a failure scenario leaves a requirement unmet"
  ARGS "${customer}" --strict CODE 1 STDOUT "6 of 7 failure scenarios leave a requirement unmet")
archplan_cli_test("without --strict the same run exits 0 (normal operation met)"
  ARGS "${customer}" CODE 0 STDOUT "All requirements are met in normal operation")

# --- scripts/setup.sh passes DEBIAN_FRONTEND through sudo (faked system, nothing is installed) ------------
add_test(NAME "cli: setup.sh keeps DEBIAN_FRONTEND=noninteractive through sudo"
         COMMAND bash "${ARCHPLAN_CLI_DIR}/setup_sudo.sh" "${PROJECT_SOURCE_DIR}")

# --- compare (issue 11) --------------------------------------------------------------------------------------
archplan_cli_test("compare a spec with its variants (0)"
  ARGS compare "${customer}" CODE 0 STDOUT "4 designs against 'base'.*Verdict changes.*durability: status" NOT_STDERR ".")
archplan_cli_test("compare two specs, the second as the reference (0)"
  ARGS compare "${customer}" "${PROJECT_SOURCE_DIR}/examples/unmet-taper.yaml" --reference unmet-taper CODE 0
  STDOUT "2 designs against 'unmet-taper'")
archplan_cli_test("compare --format csv prints the CSV (0)"
  ARGS compare "${customer}" --format csv CODE 0 STDOUT "^key,section,label,better,unit,base,taper-2to1")
archplan_cli_test("compare a spec without variants is bad input (2)"
  ARGS compare "${PROJECT_SOURCE_DIR}/examples/unmet-taper.yaml" CODE 2 STDERR "the spec has no variants to compare")
archplan_cli_test("compare --reference with an unknown name suggests the nearest (2)"
  ARGS compare "${customer}" --reference taper-2to CODE 2 STDERR "names no column.*did you mean 'taper-2to1'")
archplan_cli_test("compare --format xml is a usage error (2)"
  ARGS compare "${customer}" --format xml CODE 2 STDERR "xml")

# --- sweep (issue 11) ----------------------------------------------------------------------------------------
archplan_cli_test("sweep with an unknown knob path suggests the nearest (2)"
  ARGS sweep "${customer}" --vary storage.scratch.server=1..4 CODE 2 STDERR "did you mean 'storage.scratch.servers'")
archplan_cli_test("sweep with an empty range is bad input (2)"
  ARGS sweep "${customer}" --vary storage.scratch.servers=300..200 CODE 2 STDERR "the range is empty")
archplan_cli_test("sweep with an unknown objective suggests the nearest figure (2)"
  ARGS sweep "${customer}" --vary storage.scratch.servers=190..210:10 --objective max:requirement/ckpt-write/achieve
  CODE 2 STDERR "no figure 'requirement/ckpt-write/achieve'.*did you mean 'requirement/ckpt-write/achievable'")
archplan_cli_test("sweep with a malformed objective is bad input (2)"
  ARGS sweep "${customer}" --vary storage.scratch.servers=190..210:10 --objective most:x CODE 2 STDERR "expected max:KEY or min:KEY")
archplan_cli_test("sweep with a malformed shard is bad input (2)"
  ARGS sweep "${customer}" --vary storage.scratch.servers=190..210:10 --shard 3/3 CODE 2 STDERR "expected K/N with 0 <= K < N")
archplan_cli_test("sweep without --vary is bad input (2)"
  ARGS sweep "${customer}" CODE 2 STDERR "at least one --vary")
archplan_cli_test("sweep --lockstep needs axes of one length (2)"
  ARGS sweep "${customer}" --lockstep --vary storage.scratch.servers=190..210:10 --vary storage.scratch.rebuild.share=20%,50%
  CODE 2 STDERR "--lockstep needs axes of one length")
archplan_cli_test("sweep merge of a file that is not a shard is bad input (2)"
  ARGS sweep merge "${customer}" CODE 2 STDERR "not a sweep result")
add_test(NAME "cli: sweep shards merged are byte-identical to one process"
         COMMAND bash "${ARCHPLAN_CLI_DIR}/sweep_shards.sh" "$<TARGET_FILE:archplan>" "${customer}")
archplan_cli_test("sensitivity with an unknown knob suggests the nearest (2)"
  ARGS sensitivity "${customer}" --knob storage.scratch.server CODE 2 STDERR "did you mean 'storage.scratch.servers'")
archplan_cli_test("sensitivity --by beyond 100% is bad input (2)"
  ARGS sensitivity "${customer}" --by 150% CODE 2 STDERR "expected a share above 0% and at most 100%")

# --- A sweep as a real Slurm job array on a single-node Slurm (needs root, slurm-wlm and munge: .ci/run installs
# them; elsewhere the test is reported skipped, with the reason) ------------------------------------------------
add_test(NAME "slurm: a sweep as a job array and a dependent merge equals one process"
         COMMAND bash "${PROJECT_SOURCE_DIR}/tests/slurm/sweep_array.sh" "$<TARGET_FILE:archplan>" "${PROJECT_SOURCE_DIR}")
set_tests_properties("slurm: a sweep as a job array and a dependent merge equals one process"
                     PROPERTIES SKIP_RETURN_CODE 77 RUN_SERIAL TRUE TIMEOUT 600)
add_test(NAME "cli: Ctrl-C stops a sweep cleanly, with what was done written (exit 130)"
         COMMAND bash "${ARCHPLAN_CLI_DIR}/sweep_interrupt.sh" "$<TARGET_FILE:archplan>" "${customer}")

# Facilities and finance (issue 12): --catalog, the reports, power-telemetry.
set(telemetry_data "${PROJECT_SOURCE_DIR}/tests/data/telemetry")
# 16 nodes x 280,000 USD (the file's price, not the shipped 300,000) + 10 switches x 25,000 USD (my-leaf) = 4.73 M.
archplan_cli_test("--catalog extends the shipped catalog: a part only it defines, and its price for a shipped part"
  ARGS "${ARCHPLAN_CLI_INPUTS}/uses-extra-part.yaml" --catalog "${ARCHPLAN_CLI_INPUTS}/extra-catalog.yaml"
  STDOUT "capital cost: \\$4\\.73 M")
archplan_cli_test("without --catalog, a part the shipped catalog lacks is an error with its line and the catalog's name"
  ARGS check "${ARCHPLAN_CLI_INPUTS}/uses-extra-part.yaml" CODE 2
  STDERR "uses-extra-part.yaml:16:[0-9]+: error: network\\[0\\]\\.parts\\.switch: unknown part 'my-leaf' in the shipped catalog")
archplan_cli_test("--catalog-replace drops the shipped parts"
  ARGS check "${customer}" --catalog "${ARCHPLAN_CLI_INPUTS}/extra-catalog.yaml" --catalog-replace CODE 2
  STDERR "unknown part 'qm9700'")
archplan_cli_test("a broken --catalog file is bad input, with its line"
  ARGS check "${customer}" --catalog "${ARCHPLAN_CLI_INPUTS}/bare-number.yaml" CODE 2 STDERR "bare-number.yaml:[0-9]+:[0-9]+: error")
archplan_cli_test("-o writes facilities.md and finance.md"
  ARGS "${customer}" -o "${CMAKE_CURRENT_BINARY_DIR}/cli-out/facilities" CODE 0
  REMOVE_BEFORE "${CMAKE_CURRENT_BINARY_DIR}/cli-out/facilities"
  FILES "${CMAKE_CURRENT_BINARY_DIR}/cli-out/facilities/facilities.md" "${CMAKE_CURRENT_BINARY_DIR}/cli-out/facilities/finance.md")
archplan_cli_test("power-telemetry: percentiles, diversity and the safe factor of a small CSV"
  ARGS power-telemetry "${telemetry_data}/two-domains.csv"
  STDOUT "diversity ratio: 1\\.227 .*safe oversubscription factor at p99: 0\\.8137")
archplan_cli_test("power-telemetry: a malformed row is an error with its file and line"
  ARGS power-telemetry "${ARCHPLAN_CLI_INPUTS}/extra-catalog.yaml" CODE 2 STDERR "extra-catalog.yaml:1:1: error: the header")
archplan_cli_test("power-telemetry: a quantile above 100% is a usage error"
  ARGS power-telemetry "${telemetry_data}/two-domains.csv" --quantile 120% CODE 2 STDERR "--quantile '120%'")
archplan_cli_test("sweep: an objective on a finance figure, against one on bandwidth"
  ARGS sweep "${customer}" --vary storage.scratch.servers=180,200 --objective min:finance/capital/capital-cost
       --objective max:requirement/ckpt-write/achievable -j 1
  STDOUT "best min:finance/capital/capital-cost: #0 \\(storage.scratch.servers = 180\\): \\$662 M.*Pareto front \\(2 objectives, ties to the lowest index\\): 2 variants")

# Pictures (issue 13): the SVGs and HTML parsed as XML, and report.html rendered by headless Chromium (needs
# libxml2-utils, Graphviz, Chromium and python3: .ci/run installs them; elsewhere reported skipped, with the reason).
add_test(NAME "pictures: every SVG and HTML is well-formed and self-contained, and Chromium renders report.html"
         COMMAND bash "${PROJECT_SOURCE_DIR}/tests/pictures/check_pictures.sh" "$<TARGET_FILE:archplan>" "${PROJECT_SOURCE_DIR}")
set_tests_properties("pictures: every SVG and HTML is well-formed and self-contained, and Chromium renders report.html"
                     PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
archplan_cli_test("graph: an unknown requirement names the nearest"
  ARGS graph "${customer}" --requirement ckpt-wrte CODE 2
  STDERR "--requirement 'ckpt-wrte' is not a bandwidth requirement of this design \\(ckpt-write, restart-read\\); did you mean 'ckpt-write'\\?")
archplan_cli_test("graph: an unknown scenario names the nearest"
  ARGS graph "${customer}" --scenario scratch-servr-down CODE 2 STDERR "did you mean 'scratch-server-down'\\?")
archplan_cli_test("graph: DOT on stdout, coloured by the first requirement"
  ARGS graph "${customer}" STDOUT "^// Generated by archplan graph.*digraph archplan \\{.*BOTTLENECK")

# SimGrid (issue 15): the routed figure against SimGrid's replay of the same question (libsimgrid-dev: scripts/setup.sh
# installs it; without it, or in a sanitizer build, reported skipped).
if(TARGET archplan-simgrid-replay)
  set(simgrid_replay "$<TARGET_FILE:archplan-simgrid-replay>")
else()
  set(simgrid_replay "")
endif()
add_test(NAME "simgrid: the routed figure agrees with SimGrid's per-path replay within 1e-6; d-mod-k reported"
         COMMAND bash "${PROJECT_SOURCE_DIR}/tests/simgrid/agreement.sh" "$<TARGET_FILE:archplan>" "${simgrid_replay}"
                 "${PROJECT_SOURCE_DIR}")
set_tests_properties("simgrid: the routed figure agrees with SimGrid's per-path replay within 1e-6; d-mod-k reported"
                     PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
archplan_cli_test("export: an unknown requirement names the nearest"
  ARGS export simgrid "${customer}" --requirement ckpt-wrte -o "${CMAKE_CURRENT_BINARY_DIR}/export-bad" CODE 2
  STDERR "no bandwidth requirement 'ckpt-wrte'; did you mean 'ckpt-write'\\?")
archplan_cli_test("export: a design too large for SimGrid's routing table is refused with the reason"
  ARGS export simgrid "${customer}" -o "${CMAKE_CURRENT_BINARY_DIR}/export-large" CODE 2
  STDERR "too large to replay: over 20000 hosts or 1000000 sub-flows")
archplan_cli_test("export: primary-forwarded copies are not replayed, and it says so"
  ARGS export simgrid "${PROJECT_SOURCE_DIR}/examples/object-store-replicated.yaml" -o "${CMAKE_CURRENT_BINARY_DIR}/export-primary"
  CODE 2 STDERR "primary-forwarded protection")

# Acceptance (issue 14): the pack's fio jobs parse and run (Debian's fio: .ci/run installs it; elsewhere skipped).
add_test(NAME "acceptance: the pack's fio jobs parse and run, and evaluate judges IOR, elbencho and fio results"
         COMMAND bash "${PROJECT_SOURCE_DIR}/tests/acceptance/fio_run.sh" "$<TARGET_FILE:archplan>" "${PROJECT_SOURCE_DIR}")
set_tests_properties("acceptance: the pack's fio jobs parse and run, and evaluate judges IOR, elbencho and fio results"
                     PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
archplan_cli_test("acceptance evaluate: a results directory that is not one is bad input"
  ARGS acceptance evaluate "${customer}" "${customer}" CODE 2 STDERR "is not a directory of results")
archplan_cli_test("acceptance: a tolerance of 100% or more is a usage error"
  ARGS acceptance "${customer}" --tolerance 100% CODE 2 STDERR "--tolerance must be from 0% to below 100%")
