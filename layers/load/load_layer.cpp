#include "layers/load/load_layer.hpp"

#include "layers/store/open_store.hpp"
#include "layers/store/gdal_support.hpp"
#include "layers/load/attribute_mapping.hpp"
#include "layers/load/feature_check.hpp"
#include "layers/load/layer_writer.hpp"
#include "layers/load/source_reader.hpp"
#include "layers/load/target_layer.hpp"
#include "layers/cli/progress_bar.hpp"
#include "layers/model/schema.hpp"
#include "layers/store/store_layer.hpp"
#include "layers/model/validate.hpp"

#include <filesystem>
#include <map>
#include <set>

namespace layers::load {
namespace {

constexpr std::size_t kListedIds = 10;  // derived ids named in a note before "..."
constexpr std::uint64_t kDrawEvery = 256;

std::string join(const std::vector<std::string>& items, std::size_t most = SIZE_MAX,
                 std::string_view separator = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < most; ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  if (items.size() > most) out += ", ...";
  return out;
}

std::string count(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

TargetLayer read_target_layer(const std::string& store, const std::string& layer) {
  ensure_gdal_registered();
  GdalErrorCapture errors;
  GDALDatasetUniquePtr dataset = open_store_read_only(store);
  if (!dataset) {
    throw LoadError("store '" + store +
                    "': " + (errors.last_error().empty() ? "not a vector dataset GDAL can open" : errors.last_error()));
  }
  return read_target(*dataset, store, layer);
}

// "groups.shp, layer groups" for the default `source` attribute: the file, not the whole path.
std::string default_source(const LoadOptions& options, const SourceInfo& info) {
  return std::filesystem::path(options.source).filename().string() + ", layer " + info.layer_name;
}

// What the load does with one source feature, before anything is written.
struct Planner {
  Planner(const LoadOptions& o, const TargetLayer& t, const SourceInfo& s, const AttributeMapping& m, LoadReport& r)
      : options(o), target(t), source(s), mapping(m), report(r) {}

  const LoadOptions& options;
  const TargetLayer& target;
  const SourceInfo& source;
  const AttributeMapping& mapping;
  LoadReport& report;

  std::vector<Feature> accepted;
  std::map<std::string, std::int64_t, std::less<>> seen;  // id -> the source fid that has it
  std::set<std::string, std::less<>> keep;                // stored ids whose replacement was rejected
  std::vector<std::string> derived;
  std::set<std::string> carried_fields;
  std::size_t carried_features = 0;

  // No id in the source: a slug of the English name, else the layer and the source FID, both
  // stable for the same file.
  std::string derive_id(const SourceFeature& feature) {
    std::string id = slugify(mapping.map(feature.values, nullptr).attributes.text("name_en").value_or(""));
    if (id.empty() || seen.contains(id)) id = options.layer + "-" + std::to_string(feature.fid);
    derived.push_back("'" + id + "' (feature " + std::to_string(feature.fid) + ")");
    return id;
  }

  void add(SourceFeature&& feature) {
    ++report.read;
    std::string id = mapping.id_of(feature.values);
    if (id.empty()) id = derive_id(feature);
    const Feature* stored = updates_stored(options.mode) ? target.find(id) : nullptr;
    MappedFeature mapped = mapping.map(feature.values, stored != nullptr ? &stored->attributes : nullptr);

    std::vector<std::string> reasons;
    GeometryVerdict verdict = check_geometry(target.info.geometry_kind, feature, source.crs);
    if (!verdict.rejection.empty()) reasons.push_back(verdict.rejection);
    reasons.insert(reasons.end(), mapped.problems.begin(), mapped.problems.end());
    for (auto& problem : attribute_problems(target.info.geometry_kind, mapped.attributes))
      reasons.push_back(std::move(problem));
    if (const auto twin = seen.find(id); twin != seen.end()) {
      reasons.push_back("duplicate id: feature " + std::to_string(twin->second) + " has it too");
    } else if (options.mode == Mode::Append && target.find(id) != nullptr) {
      reasons.push_back("id '" + id + "' is already in layer '" + options.layer +
                        "' (append adds new features; --mode update replaces it)");
    }
    const bool first = seen.emplace(id, feature.fid).second;

    if (!reasons.empty()) {
      report.rejected.push_back({feature.fid, id, join(reasons, SIZE_MAX, "; ")});
      if (stored != nullptr && first) keep.insert(id);
      return;
    }
    if (!verdict.repair.empty()) report.repaired.push_back({feature.fid, id, verdict.repair});
    if (!mapped.carried.empty()) {
      ++carried_features;
      carried_fields.insert(mapped.carried.begin(), mapped.carried.end());
    }
    Feature out;
    out.id = std::move(id);
    out.attributes = std::move(mapped.attributes);
    out.geometry = std::move(verdict.geometry);
    accepted.push_back(std::move(out));
  }

  void summarize() {
    if (!derived.empty()) {
      report.notes.push_back(
          "the source gives no id for " + count(derived.size(), "feature") +
          "; derived from name_en, else layer and FID (map one with --map id=FIELD): " + join(derived, kListedIds));
    }
    if (carried_features > 0) {
      report.notes.push_back(
          "attributes the source does not give (" + join({carried_fields.begin(), carried_fields.end()}) +
          ") are kept from the stored feature of the same id for " + count(carried_features, "feature"));
    }
    report.loaded = accepted.size();
    for (const auto& feature : accepted) (target.find(feature.id) != nullptr ? report.updated : report.added) += 1;
    if (options.mode == Mode::Replace) {
      for (const auto& feature : target.stored.features()) {
        if (keep.contains(feature.id)) {
          ++report.kept;
        } else if (!seen.contains(feature.id)) {
          ++report.removed;
        }
      }
    }
  }
};

void describe(LoadReport& report, const LoadOptions& options, const SourceInfo& source, const TargetLayer& target,
              const AttributeMapping& mapping) {
  report.store = options.store;
  report.layer = options.layer;
  report.dry_run = options.dry_run;
  report.revision_before = target.revision;
  report.source = options.source + ", layer '" + source.layer_name + "' (" + source.driver +
                  "): " + std::to_string(source.feature_count) + " features, CRS " + source.crs.name +
                  (source.crs.from_option ? " (--s_srs)" : "");
  report.target = "store '" + options.store + "', layer '" + options.layer + "' (" +
                  std::string(to_string(target.info.geometry_kind)) +
                  "): " + std::to_string(target.stored.features().size()) + " features, revision " +
                  std::to_string(target.revision) + "; mode " + std::string(to_string(options.mode));
  report.fields = mapping.describe();
  if (!source.crs.overridden.empty()) {
    report.notes.push_back("the source's own CRS " + source.crs.overridden + " is overridden by --s_srs");
  }
  if (const auto unused = mapping.unused_source_fields(); !unused.empty()) {
    report.notes.push_back("source fields not loaded: " + join(unused));
  }
}

}  // namespace

LoadReport load_layer(const LoadOptions& options, std::ostream& progress) {
  SourceReader source(options);
  const SourceInfo& info = source.info();
  const TargetLayer target = read_target_layer(options.store, options.layer);

  const GeometryKind declared = kind_of(info.geometry_type);
  const GeometryKind wanted = target.info.geometry_kind;
  if (declared != GeometryKind::Mixed && wanted != GeometryKind::Mixed && declared != wanted) {
    throw LoadError(options.source + ": layer '" + info.layer_name + "' holds " +
                    OGRGeometryTypeToName(info.geometry_type) + " geometries, and layer '" + options.layer +
                    "' takes " + std::string(to_string(wanted)) + "s");
  }
  if (info.feature_count == 0) {
    throw LoadError(options.source + ": layer '" + info.layer_name + "' has no features: nothing to load");
  }

  const AttributeMapping mapping(target.fields, info.fields, options, default_source(options, info));
  LoadReport report;
  describe(report, options, info, target, mapping);

  Planner planner(options, target, info, mapping, report);
  ProgressBar checking(progress, static_cast<std::uint64_t>(std::max<std::int64_t>(info.feature_count, 0)),
                       "features checked");
  source.for_each([&](SourceFeature&& feature) {
    planner.add(std::move(feature));
    if (options.progress_bar && report.read % kDrawEvery == 0) checking.draw(report.read);
  });
  if (options.progress_bar) {
    checking.draw(report.read);
    checking.finish();
  }
  planner.summarize();
  for (const auto& warning : info.warnings) report.notes.push_back("GDAL warned while reading the source: " + warning);

  if (planner.accepted.empty()) {
    report.refusal = "no feature of the source passed the checks";
  } else if (options.strict && !report.rejected.empty()) {
    report.refusal = "--strict, and " + count(report.rejected.size(), "feature") + " rejected";
  }
  if (!report.refusal.empty() || options.dry_run) return report;

  WriteRequest request;
  request.store = options.store;
  request.layer = options.layer;
  request.mode = options.mode;
  request.features = planner.accepted;
  request.keep = planner.keep;
  request.planned_revision = target.revision;
  ProgressBar writing(progress, planner.accepted.size(), "features written");
  WriteResult written;
  try {
    written = write_layer(request, [&](std::size_t done) {
      if (options.progress_bar && (done % kDrawEvery == 0 || done == planner.accepted.size())) writing.draw(done);
    });
  } catch (const LoadError& e) {
    // Rolled back: the report says what was planned and why it is not in the store.
    if (options.progress_bar) writing.finish();
    report.refusal = e.what();
    return report;
  }
  if (options.progress_bar) writing.finish();
  report.written = true;
  report.revision_after = written.revision;
  report.updated = written.updated;
  report.added = written.added;
  report.removed = written.removed;
  return report;
}

}  // namespace layers::load
