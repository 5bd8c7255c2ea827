// `mlplay profile` and `mlplay head`: a dataset's profile and its first rows, from a CSV file or
// a built-in dataset. Bad input prints FILE:LINE:COL: message and exits 1.
#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "core/api/data_commands.hpp"
#include "core/data/profile.hpp"
#include "core/data/table_hash.hpp"
#include "data_input.hpp"

namespace mlplay {
namespace {

using mlcore::api::Json;

const char* kCsvOptionsHelp =
    "  --delimiter C        field delimiter (default: sniffed among , ; tab |)\n"
    "  --header / --no-header   the first line is / is not a header (default: detected)\n"
    "  --decimal C          decimal separator, . or , (default: detected when the delimiter is ;)\n"
    "  --skip-ragged        skip rows with the wrong number of fields (default: error)\n";

struct Args {
  std::string input;
  bool json = false;
  std::string target;
  long rows = 10;
  mlcore::data::CsvOptions csv;
};

Args parse(const std::vector<std::string>& a, bool head) {
  Args out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& k = a[i];
    if (k == "--json") out.json = true;
    else if (!head && k == "--target") out.target = option_value(a, i);
    else if (head && (k == "-n" || k == "--rows")) {
      std::string v = option_value(a, i);
      try { out.rows = std::stol(v); } catch (...) { out.rows = -1; }
      if (out.rows < 0) throw UsageError("-n needs a whole number of rows, got '" + v + "'.");
    } else if (k == "--delimiter") {
      std::string v = option_value(a, i);
      if (v == "tab" || v == "\\t") v = "\t";
      if (v.size() != 1) throw UsageError("--delimiter needs one character, got '" + v + "'.");
      out.csv.delimiter = v[0];
    } else if (k == "--decimal") {
      std::string v = option_value(a, i);
      if (v != "." && v != ",") throw UsageError("--decimal is . or , (got '" + v + "').");
      out.csv.decimal = v[0];
    } else if (k == "--header") out.csv.header = 1;
    else if (k == "--no-header") out.csv.header = 0;
    else if (k == "--skip-ragged") out.csv.ragged = mlcore::data::RaggedPolicy::Skip;
    else if (!k.empty() && k[0] == '-') throw UsageError("unknown option '" + k + "'.");
    else if (out.input.empty()) out.input = k;
    else throw UsageError("one input only; got '" + out.input + "' and '" + k + "'.");
  }
  if (out.input.empty()) throw UsageError("name a CSV file or a built-in dataset (iris, penguins, ...).");
  return out;
}

std::string num(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

void print_profile_text(const LoadedInput& in, const mlcore::data::Profile& p) {
  std::printf("%s: %zu rows x %zu columns (delimiter '%s', %s)\n\n", in.source.c_str(), p.rows, p.cols,
              in.csv.delimiter == '\t' ? "tab" : std::string(1, in.csv.delimiter).c_str(),
              in.csv.header ? "header" : "no header");
  std::printf("%-24s %-12s %8s %8s %8s %10s %10s %10s %10s\n", "column", "type", "count", "missing", "distinct",
              "min", "mean", "max", "std");
  for (const auto& c : p.columns) {
    std::printf("%-24s %-12s %8zu %8zu %8zu %10s %10s %10s %10s\n", c.name.c_str(), mlcore::data::to_string(c.type),
                c.count, c.missing, c.distinct, num(c.min).c_str(), num(c.mean).c_str(), num(c.max).c_str(),
                num(c.std).c_str());
    if (!c.top.empty()) {
      std::string tops;
      for (const auto& t : c.top) tops += (tops.empty() ? "" : ", ") + t.value + " (" + std::to_string(t.count) + ")";
      std::printf("%-24s   values: %s\n", "", tops.c_str());
    }
  }
  if (p.duplicate_rows) std::printf("\n%zu duplicate rows\n", p.duplicate_rows);
  const auto print_warning = [](const mlcore::Warning& w) {
    std::printf("  %s: %s\n", w.code.c_str(), w.message.c_str());
  };
  if (!in.csv.warnings.empty() || !p.warnings.empty()) std::printf("\nWarnings:\n");
  for (const auto& w : in.csv.warnings) print_warning(w);
  for (const auto& w : p.warnings) print_warning(w);
}

int run_profile(const std::vector<std::string>& a) {
  Args args = parse(a, false);
  LoadedInput in = load_input(args.input, args.csv);
  mlcore::data::QualityOptions q;
  q.target = args.target;
  auto p = mlcore::data::profile_table(in.csv.table, q);
  if (!args.json) {
    print_profile_text(in, p);
    return kExitOk;
  }
  Json j = mlcore::data::to_json(p);
  mlcore::api::LoadedTable lt;
  lt.warnings = in.csv.warnings;
  j["source"] = in.source;
  // The dataset version identity: the same table gives the same hash here and in the page.
  j["hash"] = mlcore::data::content_hash(in.csv.table);
  j["csv"] = mlcore::api::table_summary(lt);
  j["csv"].erase("rows");
  j["csv"].erase("columns");
  j["csv"]["delimiter"] = std::string(1, in.csv.delimiter);
  j["csv"]["header"] = in.csv.header;
  j["csv"]["decimal"] = std::string(1, in.csv.decimal);
  std::cout << j.dump(2) << "\n";
  return kExitOk;
}

int run_head(const std::vector<std::string>& a) {
  Args args = parse(a, true);
  LoadedInput in = load_input(args.input, args.csv);
  const auto& t = in.csv.table;
  std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(args.rows), t.rows());
  if (args.json) {
    // ordered_json keeps the file's column order in each object.
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (std::size_t r = 0; r < n; ++r) {
      Json values = mlcore::api::row_to_json(t, r);
      nlohmann::ordered_json obj = nlohmann::ordered_json::object();
      for (std::size_t c = 0; c < t.cols(); ++c) obj[t.columns[c].name] = values[c];
      rows.push_back(obj);
    }
    std::cout << rows.dump(2) << "\n";
    return kExitOk;
  }
  std::ostringstream out;
  for (std::size_t c = 0; c < t.cols(); ++c) out << (c ? "\t" : "") << t.columns[c].name;
  out << "\n";
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < t.cols(); ++c) out << (c ? "\t" : "") << (t.columns[c].is_missing(r) ? "NA" : t.columns[c].text(r));
    out << "\n";
  }
  std::cout << out.str();
  return kExitOk;
}

}  // namespace

void register_data_sub_commands() {
  sub_commands()["profile"] = SubCommand{
      "Profile a dataset: types, counts, statistics, quality warnings.",
      std::string("Usage: mlplay profile FILE.csv|BUILTIN [--json] [--target COL] [CSV options]\n\n"
                  "Reads a CSV file or a built-in dataset (iris, breast_cancer, diabetes, penguins,\n"
                  "seattle_weather) and prints each column's profile and the quality warnings.\n\n"
                  "  --json               print the profile as JSON\n"
                  "  --target COL         also check the class balance of COL\n") + kCsvOptionsHelp +
          "\nOn bad input prints FILE:LINE:COL: message and exits 1.\n",
      run_profile};
  sub_commands()["head"] = SubCommand{
      "Print the first parsed rows of a dataset.",
      std::string("Usage: mlplay head FILE.csv|BUILTIN [-n N] [--json] [CSV options]\n\n"
                  "  -n N                 rows to print (default 10)\n"
                  "  --json               an array of objects keyed by column name; numbers as numbers,\n"
                  "                       missing values as null\n") + kCsvOptionsHelp +
          "\nOn bad input prints FILE:LINE:COL: message and exits 1.\n",
      run_head};
}

}  // namespace mlplay
