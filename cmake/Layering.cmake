# The module layering as data: the one place that says which module may include which.
#
# ARCHPLAN_LAYERS: one "module:allowed,allowed" entry per module (an empty list after ':' for a leaf).
# A module may include its own headers and those of every module it may use, directly or
# transitively (analysis uses model, model uses spec, so analysis may include spec). A directory
# src/<m>/ or include/archplan/<m>/ whose <m> is not listed here fails the layering test.
#
# To add a module: add one line here, then its archplan_module() in CMakeLists.txt.
set(ARCHPLAN_LAYERS
  "units:"
  "document:units"
  "spec:units"
  "model:spec"
  "analysis:model"
  "derive:analysis,document"
  "report:document,telemetry"
  "plan:derive"
  "compare:document"
  "draw:plan"
  "acceptance:plan"
  "sim:plan"
  "telemetry:spec"
  "sweep:plan,compare"
  "cli:report,plan,compare,sweep,telemetry,draw,acceptance,sim"
)

# ARCHPLAN_THIRD_PARTY: "<include prefix>:<dir>,<dir>": an #include <prefix...> may appear only in
# files under one of these directories (relative to the source root). Other libraries (fmt, the
# standard library) are allowed everywhere.
set(ARCHPLAN_THIRD_PARTY
  "yaml-cpp/:src/spec"
  "boost/:src/model"
  "nlohmann/:src/report,src/sweep,src/acceptance"
  "CLI/:src/cli"
)
