// `mlplay drift`: data drift of a current dataset against a reference, column by column, with
// Evidently's tests and automatic choice (core/drift), through the same session command the page
// calls (drift.report). Exits 0 whether or not drift is found: drift is a finding, not a failure.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "core/api/data_commands.hpp"
#include "core/drift/explain.hpp"
#include "core/drift/stattest.hpp"
#include "data_input.hpp"
#include "text_table.hpp"

namespace mlplay {
namespace {

using mlcore::api::Json;

struct Args {
  std::string reference, current;
  bool json = false;
  Json options = Json::object();
};

double parse_number(const std::string& text, const std::string& option) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v))
    throw UsageError(option + " needs a number, got '" + text + "'.");
  return v;
}

// "COL=VALUE" -> {COL, VALUE}; no '=' -> {"", VALUE} (every column).
std::pair<std::string, std::string> split_assignment(const std::string& text) {
  const auto eq = text.rfind('=');
  if (eq == std::string::npos) return {"", text};
  return {text.substr(0, eq), text.substr(eq + 1)};
}

Args parse(const std::vector<std::string>& a) {
  Args out;
  Json per_method = Json::object(), per_threshold = Json::object();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& k = a[i];
    if (k == "--json") {
      out.json = true;
    } else if (k == "--reference" || k == "--current") {
      std::string& slot = k == "--reference" ? out.reference : out.current;
      if (!slot.empty()) throw UsageError("'" + k + "' is given twice.");
      slot = option_value(a, i);
    } else if (k == "--test") {
      auto [col, name] = split_assignment(option_value(a, i));
      if (!mlcore::drift::find_stattest(name))
        throw UsageError("no drift test named '" + name + "'; the tests are: " + mlcore::drift::stattest_names() + ".");
      if (col.empty()) out.options["method"] = name;
      else per_method[col] = name;
    } else if (k == "--threshold") {
      auto [col, text] = split_assignment(option_value(a, i));
      const double v = parse_number(text, "--threshold");
      if (v < 0) throw UsageError("--threshold needs a number >= 0, got '" + text + "'.");
      if (col.empty()) out.options["threshold"] = v;
      else per_threshold[col] = v;
    } else if (k == "--drift-share") {
      const std::string text = option_value(a, i);
      const double v = parse_number(text, "--drift-share");
      if (!(v > 0 && v <= 1)) throw UsageError("--drift-share is a share above 0 and at most 1, got '" + text + "'.");
      out.options["drift_share"] = v;
    } else if (k == "--columns") {
      Json cols = Json::array();
      std::stringstream ss(option_value(a, i));
      for (std::string c; std::getline(ss, c, ',');)
        if (!c.empty()) cols.push_back(c);
      if (cols.empty()) throw UsageError("--columns needs at least one column name.");
      out.options["columns"] = cols;
    } else {
      throw UsageError(k.size() > 1 && k[0] == '-' ? "unknown option '" + k + "'." : "unexpected argument '" + k + "'.");
    }
  }
  if (out.reference.empty()) throw UsageError("--reference is required (a CSV file or a built-in dataset).");
  if (out.current.empty()) throw UsageError("--current is required (a CSV file or a built-in dataset).");
  if (!per_method.empty()) out.options["per_column_method"] = per_method;
  if (!per_threshold.empty()) out.options["per_column_threshold"] = per_threshold;
  out.options["per_column_source"] = "it was asked for this column (--test COL=NAME)";
  out.options["method_source"] = "it was asked for every column (--test NAME)";
  return out;
}

std::string number(const Json& v) {
  if (v.is_null()) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v.get<double>());
  return buf;
}

void print_text(const std::string& ref_source, const std::string& cur_source, const Json& r) {
  std::cout << "Data drift of " << cur_source << " (" << mlcore::drift::with_commas(r["current_rows"].get<std::size_t>())
            << " rows) against " << ref_source << " ("
            << mlcore::drift::with_commas(r["reference_rows"].get<std::size_t>()) << " rows)\n\n";
  TextTable table({"column", "type", "test", "statistic", "p-value/score", "threshold", "verdict"});
  for (const auto& c : r["columns"]) {
    if (!c["tested"].get<bool>()) {
      table.add({c["column"], c["type"], "-", "", "", "", "not tested"});
      continue;
    }
    const std::string score = (c["score_name"] == "p-value" ? "p " : "") + number(c["score"]);
    const std::string stat = c["statistic_name"].get<std::string>() + " " + number(c["statistic"]);
    const std::string test = c["test"].get<std::string>() + (c.contains("method") ? " (" + c["method"].get<std::string>() + ")" : "");
    // "p <= threshold" -> "<= 0.05": the side of the threshold that is drift
    const std::string when = c["drift_when"];
    const std::string op = when.substr(when.find(' ') + 1, when.rfind(' ') - when.find(' ') - 1);
    table.add({c["column"], c["type"], test, stat, score, op + " " + mlcore::drift::format_threshold(c["threshold"]),
               c["verdict"]});
  }
  std::cout << table.str() << "\n" << r["dataset"]["explanation"].get<std::string>() << "\n\n";
  for (const auto& c : r["columns"]) std::cout << c["explanation"].get<std::string>() << "\n";
}

int run_drift(const std::vector<std::string>& a) {
  Args args = parse(a);
  LoadedInput ref = load_input(args.reference);
  LoadedInput cur = load_input(args.current);
  mlcore::api::Session session;
  const int ref_id = mlcore::api::keep_table(session, std::move(ref.csv), ref.source);
  const int cur_id = mlcore::api::keep_table(session, std::move(cur.csv), cur.source);
  const Json report = session.call("drift.report", {{"reference", ref_id}, {"current", cur_id}, {"options", args.options}});
  if (args.json) std::cout << report.dump(2) << "\n";
  else print_text(ref.source, cur.source, report);
  return kExitOk;
}

std::string usage() {
  std::string tests;
  for (const auto* t : mlcore::drift::stattests()) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-14s %-30s default threshold %s (drift when %s)\n", t->name.c_str(),
                  t->display_name.c_str(), mlcore::drift::format_threshold(t->default_threshold).c_str(),
                  (std::string(t->score_name == "p-value" ? "p" : t->score_name) + " " +
                   mlcore::drift::drift_operator(t->drift_when, true) + " threshold")
                      .c_str());
    tests += line;
  }
  return "Usage: mlplay drift --reference A.csv|BUILTIN --current B.csv|BUILTIN [--json] [--columns A,B]\n"
         "                   [--test COL=NAME]... [--test NAME] [--threshold COL=X]... [--threshold X]\n"
         "                   [--drift-share 0.5]\n\n"
         "Compares each column of the current data with the same column of the reference, with the test\n"
         "Evidently would pick (a reference of at most 1,000 rows: K-S for numeric columns with more than\n"
         "5 distinct values, chi-square or the Z-test for the others; larger references: normed Wasserstein\n"
         "for numeric columns, Jensen-Shannon for the others), and prints per column the test, its statistic,\n"
         "p-value or score, the threshold and the verdict with a sentence explaining it, then the dataset\n"
         "verdict: drift when the share of drifted columns reaches --drift-share.\n\n"
         "  --reference, --current   a CSV file or a built-in dataset (iris, penguins, ...)\n"
         "  --json                   the report as JSON (what the page's drift.report returns)\n"
         "  --columns A,B            test only these columns (default: every reference column)\n"
         "  --test COL=NAME          use test NAME for column COL; --test NAME for every column\n"
         "  --threshold COL=X        threshold X for column COL; --threshold X for every column\n"
         "  --drift-share X          share of drifted columns that makes dataset drift (default 0.5)\n\n"
         "Tests:\n" + tests +
         "\nExit status: 0 when the report was made, whether or not drift was found (read the verdict from\n"
         "the output, or dataset.drift in --json); 1 on errors (an unreadable file, an unknown column, a\n"
         "column whose type differs between reference and current); 2 on usage errors.\n";
}

}  // namespace

void register_drift_sub_commands() {
  sub_commands()["drift"] = SubCommand{"Data drift of a current dataset against a reference, column by column.",
                                       usage(), run_drift};
}

}  // namespace mlplay
