#pragma once
// From source fields to the target layer's fields. For each target field, in this order:
//   1. the source field `--map FIELD=SOURCE` names, else a source field of the same name (case
//      ignored: Shapefiles often carry NAME_ZH);
//   2. where that gives no value (no such field, null or empty), in replace and update mode, the
//      value of the stored feature with the same id: vetted attributes (the plan's text) survive an
//      update of the geometry — except `source` and `precision`, which describe the geometry that
//      is being replaced;
//   3. else `--default FIELD=VALUE` (new features, and source/precision of every feature);
//   4. else `source` defaults to "<file name>, layer <source layer>"; `precision` has no default (a
//      surveyed/derived/schematic claim must come from the user).
// Values are converted to the target field's type; a value that does not fit (a name in a number
// field) is a problem of that feature.
#include "layers/model/attributes.hpp"
#include "layers/load/load_options.hpp"

#include <ogr_core.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace layers::load {

struct TargetField {
  std::string name;
  OGRFieldType type = OFTString;
  OGRFieldSubType subtype = OFSTNone;
};

struct MappedFeature {
  std::string id;                     // empty when the source gives none
  Attributes attributes;              // every target field but `id`, in target order
  std::vector<std::string> problems;  // values that do not fit their field
  std::vector<std::string> carried;   // fields whose value came from the stored feature
};

class AttributeMapping {
 public:
  // Throws UsageError when --map or --default names a field the target layer does not have, or
  // --map a source field the source does not have (listing the fields there are).
  AttributeMapping(std::vector<TargetField> target, std::span<const std::string> source_fields,
                   const LoadOptions& options, std::string default_source);

  // `stored`: the attributes of the stored feature with the same id (replace mode), or null.
  [[nodiscard]] MappedFeature map(const Attributes& source_values, const Attributes* stored) const;
  // The id a feature maps to, before map(), to find its stored feature.
  [[nodiscard]] std::string id_of(const Attributes& source_values) const;

  // One line per target field: "name_zh <- NAME", "precision = surveyed (--default)", ...
  [[nodiscard]] std::vector<std::string> describe() const;
  // Source fields no target field takes.
  [[nodiscard]] std::vector<std::string> unused_source_fields() const;

 private:
  struct Rule {
    TargetField field;
    std::string source;                   // source field name, empty: none
    std::optional<std::string> fallback;  // --default value
    bool carry = false;                   // take the stored feature's value when the rest give none
    std::string builtin;                  // last resort (source only)
  };
  std::vector<Rule> rules_;  // the id rule first
  std::vector<std::string> source_fields_;
};

// Converts a value to a field's type; nullopt with `problem` set when it does not fit. Empty text
// becomes null.
std::optional<AttributeValue> convert(const AttributeValue& value, const TargetField& field, std::string& problem);

// "name_zh=NAME,kind=TYPE" or "precision=surveyed" into pairs; throws layers::UsageError naming
// `option`.
std::vector<std::pair<std::string, std::string>> parse_assignments(std::string_view text, std::string_view option,
                                                                   bool comma_separated);

// A lowercase ASCII slug ("Changchun–Jilin Group" → "changchun-jilin-group"); empty when the text
// has no ASCII letters or digits.
std::string slugify(std::string_view text);

}  // namespace layers::load
