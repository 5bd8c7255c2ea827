// See recovery.hpp.
#include "recovery.hpp"

namespace mlcore::sim {

Recovery measure_recovery(const std::vector<std::optional<double>>& quality, const std::vector<double>& start_days,
                          double window_days, std::optional<double> drift_day) {
  constexpr double kEps = 1e-9;
  Recovery r;
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < quality.size(); ++i)
    if (quality[i] && (!drift_day || start_days[i] + window_days <= *drift_day + kEps)) sum += *quality[i], ++n;
  if (n == 0) return r;
  r.baseline = sum / static_cast<double>(n);
  r.threshold = *r.baseline - kRecoveryTolerance;
  if (!drift_day) return r;
  sum = 0;
  n = 0;
  bool recovered = false;
  for (std::size_t i = 0; i < quality.size(); ++i) {
    if (!quality[i] || start_days[i] + window_days <= *drift_day + kEps) continue;
    sum += *quality[i], ++n;
    if (*quality[i] < *r.threshold) r.dropped = true;
    else if (r.dropped && !recovered) {
      recovered = true;
      r.days_to_recover = start_days[i] - *drift_day;
    }
  }
  if (n > 0) r.mean_after = sum / static_cast<double>(n);
  if (!r.dropped) r.days_to_recover = 0.0;
  return r;
}

}  // namespace mlcore::sim
