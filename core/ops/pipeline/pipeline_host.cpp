// See pipeline_host.hpp.
#include "pipeline_host.hpp"

#include <cmath>

namespace mlcore::ops {

void PipelineHost::make_room(double at, int commands) {
  const double gap = at - workspace().clock - 60.0 * commands;
  if (gap > 1e-9) apply({{"type", "clock.advance"}, {"reason", activity_}, {"duration", gap}});
}

nlohmann::json PipelineHost::apply_by(const nlohmann::json& command, double at) {
  const bool timed = command.contains("duration") && command["duration"].is_number();
  if (!timed) make_room(at, 1);
  return apply(command);
}

}  // namespace mlcore::ops
