// See monitors.hpp.
#include "monitors.hpp"

#include <cmath>
#include <sstream>

#include "../drift/explain.hpp"
#include "../drift/report_json.hpp"

namespace mlcore::sim {
namespace {

std::string fixed(double v, int decimals) {
  std::ostringstream ss;
  ss.setf(std::ios::fixed);
  ss.precision(decimals);
  ss << v;
  return ss.str();
}

std::string percent(double share) { return fixed(100 * share, 0) + "%"; }

}  // namespace

WindowCheck check_window(const data::Table& reference, const data::Table& current, const std::vector<std::string>& features,
                         const data::Column* reference_predictions, const data::Column* current_predictions,
                         std::size_t errors, const Monitors& m) {
  WindowCheck c;
  drift::DriftOptions o = drift::drift_options_from_json(m.drift);
  if (o.columns.empty()) o.columns = features;
  o.histograms = false;
  c.data = drift::data_drift_report(reference, current, o);
  c.requests = current.rows();
  c.errors = errors;
  for (const auto& f : features) {
    const data::Column& col = current.column(f);
    c.missing.emplace_back(f, col.size() ? static_cast<double>(col.missing_count()) / static_cast<double>(col.size()) : 0.0);
  }
  if (m.prediction_drift && reference_predictions && current_predictions && current_predictions->size() > 0) {
    drift::ColumnOptions po;
    po.role = drift::ColumnRole::Prediction;
    po.histogram = false;
    c.prediction = drift::column_drift(current_predictions->name, drift::Sample::of(*reference_predictions),
                                       drift::Sample::of(*current_predictions), po);
    c.has_prediction = c.prediction.test != nullptr;
  }
  return c;
}

std::vector<Alert> window_alerts(const WindowCheck& c, const std::vector<double>& reference_missing, std::size_t window,
                                 double day, int version, const Monitors& m) {
  std::vector<Alert> out;
  auto add = [&](std::string monitor, std::string column, double value, double threshold, std::string message) {
    out.push_back({window, day, version, std::move(monitor), std::move(column), value, threshold, std::move(message)});
  };
  if (c.data.dataset.drift) {
    std::string drifted;
    for (const auto& col : c.data.columns)
      if (col.drift) drifted += (drifted.empty() ? "" : ", ") + col.column;
    add("data_drift", "", c.data.dataset.share, c.data.dataset.drift_share,
        "Data drift: " + drifted + " drifted (" + std::to_string(c.data.dataset.drifted) + " of " +
            std::to_string(c.data.dataset.tested) + " columns, share " + drift::format_score(c.data.dataset.share, c.data.dataset.drift_share) +
            " >= " + drift::format_threshold(c.data.dataset.drift_share) + ").");
  }
  if (c.has_prediction && c.prediction.drift)
    add("prediction_drift", "", c.prediction.outcome.score, c.prediction.threshold,
        "Prediction drift: the model's answers differ from its answers on the reference. " + c.prediction.explanation);
  if (c.requests > 0) {
    const double rate = static_cast<double>(c.errors) / static_cast<double>(c.requests);
    if (rate > m.max_error_rate)
      add("errors", "", rate, m.max_error_rate,
          "Errors: the endpoint refused " + std::to_string(c.errors) + " of " + std::to_string(c.requests) + " requests (" +
              percent(rate) + " > " + percent(m.max_error_rate) + ").");
  }
  for (std::size_t i = 0; i < c.missing.size(); ++i) {
    const double before = i < reference_missing.size() ? reference_missing[i] : 0.0;
    const double rise = c.missing[i].second - before;
    if (rise > m.max_missing_increase)
      add("missing_values", c.missing[i].first, c.missing[i].second, before + m.max_missing_increase,
          "Missing values: " + c.missing[i].first + " is missing in " + percent(c.missing[i].second) +
              " of the window's requests against " + percent(before) + " of the reference.");
  }
  return out;
}

Quality measure_quality(const data::Column& truth, const std::vector<std::string>& labels, const std::vector<double>& values,
                        const std::vector<char>& answered, bool classification) {
  Quality q;
  q.metric = classification ? "accuracy" : "r2";
  double correct = 0, sum = 0, sum_sq_err = 0;
  std::vector<double> ys;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (!answered[i] || truth.is_missing(i)) continue;
    ++q.rows;
    if (classification) {
      correct += labels[i] == truth.text(i) ? 1 : 0;
    } else {
      const double y = truth.numbers[i], e = y - values[i];
      ys.push_back(y);
      sum += y;
      sum_sq_err += e * e;
    }
  }
  if (q.rows == 0) return q;
  if (classification) {
    q.value = correct / static_cast<double>(q.rows);
  } else {
    const double mean = sum / static_cast<double>(q.rows);
    double total = 0;
    for (double y : ys) total += (y - mean) * (y - mean);
    q.value = total > 0 ? 1 - sum_sq_err / total : (sum_sq_err == 0 ? 1.0 : 0.0);
  }
  return q;
}

std::optional<Alert> quality_alert(const Quality& q, double baseline, std::size_t window, double day, int version,
                                   const std::string& model_ref, const Monitors& m) {
  if (q.rows == 0) return std::nullopt;
  const double floor_drop = baseline - m.max_quality_drop;
  const double floor = m.min_quality ? std::max(*m.min_quality, floor_drop) : floor_drop;
  if (q.value >= floor) return std::nullopt;
  std::string why = m.min_quality && *m.min_quality >= floor_drop
                        ? "below the minimum " + fixed(*m.min_quality, 2)
                        : "more than " + fixed(m.max_quality_drop, 2) + " below " + model_ref + "'s test " + q.metric + " " +
                              fixed(baseline, 2);
  return Alert{window, day, version, "quality", "", q.value, floor,
               "Model quality: " + q.metric + " " + fixed(q.value, 2) + " on the " + std::to_string(q.rows) +
                   " labelled requests of day " + fixed(day, day == std::floor(day) ? 0 : 2) + " is " + why + "."};
}

data::Column answers_column(const std::string& name, const std::vector<std::string>& labels, const std::vector<double>& values,
                            const std::vector<char>& answered, bool classification) {
  data::Column c;
  c.name = name;
  if (classification) {
    c.type = data::ColumnType::Categorical;
    for (std::size_t i = 0; i < answered.size(); ++i) {
      if (!answered[i]) continue;
      std::int32_t code = -1;
      for (std::size_t k = 0; k < c.categories.size() && code < 0; ++k)
        if (c.categories[k] == labels[i]) code = static_cast<std::int32_t>(k);
      if (code < 0) {
        code = static_cast<std::int32_t>(c.categories.size());
        c.categories.push_back(labels[i]);
      }
      c.codes.push_back(code);
    }
  } else {
    c.type = data::ColumnType::Float;
    for (std::size_t i = 0; i < answered.size(); ++i)
      if (answered[i]) c.numbers.push_back(values[i]);
  }
  return c;
}

}  // namespace mlcore::sim
