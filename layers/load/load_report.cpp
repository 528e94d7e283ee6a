#include "layers/load/load_report.hpp"

namespace layers::load {
namespace {

void print_notes(std::ostream& out, const char* label, const std::vector<FeatureNote>& notes) {
  for (const auto& note : notes) {
    out << label << ": feature " << note.fid;
    if (!note.id.empty()) out << " (id '" << note.id << "')";
    out << ": " << note.text << "\n";
  }
}

}  // namespace

void print_report(std::ostream& out, const LoadReport& report) {
  out << "source: " << report.source << "\n";
  out << "target: " << report.target << "\n";
  out << "fields:\n";
  for (const auto& line : report.fields) out << "  " << line << "\n";
  for (const auto& note : report.notes) out << "note: " << note << "\n";
  print_notes(out, "repaired", report.repaired);
  print_notes(out, "rejected", report.rejected);
  out << "result: " << report.read << " read: " << report.loaded << " to load (" << report.repaired.size()
      << " of them repaired), " << report.rejected.size() << " rejected\n";
  if (!report.refusal.empty()) {
    out << "nothing written: " << report.refusal << "\n";
    return;
  }
  out << (report.written ? "changes: " : "changes it would make: ") << report.updated << " updated, " << report.added
      << " added, " << report.removed << " deleted";
  if (report.kept > 0) out << "; " << report.kept << " kept as stored (their replacement was rejected)";
  out << "\n";
  if (report.written) {
    out << "wrote layer '" << report.layer << "' of " << report.store << ": revision " << report.revision_before
        << " -> " << report.revision_after << "\n";
  } else {
    out << "dry run: nothing written\n";
  }
}

}  // namespace layers::load
