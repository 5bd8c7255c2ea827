// `mlplay serve`: a model file behind a real HTTP/1.1 endpoint, answering /score (the tutorial's
// format) and /invocations (MLflow's) with the same core code the page's Service Worker runs.
#include <algorithm>
#include <csignal>
#include <iostream>
#include <thread>

#include <pthread.h>

#include "cli.hpp"
#include "core/models/model_file.hpp"
#include "core/serve/scoring.hpp"
#include "http_server.hpp"

namespace mlplay {
namespace {

const char* kServeUsage =
    "Usage: mlplay serve --model MODEL.json [--host 127.0.0.1] [--port 5000] [--threads N]\n\n"
    "Serves a model file (from 'mlplay train --out') over HTTP/1.1 until SIGINT (Ctrl+C) or SIGTERM.\n"
    "The first line printed is the address, e.g. http://127.0.0.1:5000/; --port 0 picks a free port.\n"
    "--threads is the number of worker threads (default: the number of cores); one more accepts.\n\n"
    "Endpoints:\n"
    "  POST /score        application/json: one record {\"SepalLengthCm\": 6.6, ...} answers\n"
    "                     {\"output\": {\"predicted_species\": \"1\"}}; a list of records answers\n"
    "                     {\"output\": [{...}, ...]}.\n"
    "  POST /invocations  MLflow's formats: application/json with dataframe_split, dataframe_records,\n"
    "                     instances or inputs, or text/csv with a header row; answers\n"
    "                     {\"predictions\": [...]}.\n"
    "  GET  /ping, /health  200 {\"status\":\"ok\"}\n\n"
    "A missing field, null, NaN, a wrong type or an empty batch is 400 {\"error_code\": \"BAD_REQUEST\",\n"
    "\"message\", \"code\", \"field\", \"row\"}; a missing or other Content-Type is 415; fields the model does\n"
    "not use are ignored and named in the X-Ignored-Fields header; bodies over 16 MiB are 413.\n";

int parse_int(const std::string& flag, const std::string& v, int lo, int hi) {
  try {
    std::size_t used = 0;
    const int n = std::stoi(v, &used);
    if (used == v.size() && n >= lo && n <= hi) return n;
  } catch (const std::exception&) {
  }
  throw UsageError(flag + " needs a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got '" +
                   v + "'.");
}

std::string url_of(const std::string& host, int port) {
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/";
}

int run_serve(const std::vector<std::string>& a) {
  std::string model_path;
  mlplay::http::ServerOptions o;
  o.port = 5000;
  o.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  o.max_body = mlcore::serve::kMaxBodyBytes;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == "--model") model_path = option_value(a, i);
    else if (a[i] == "--host") o.host = option_value(a, i);
    else if (a[i] == "--port") o.port = parse_int("--port", option_value(a, i), 0, 65535);
    else if (a[i] == "--threads") o.threads = parse_int("--threads", option_value(a, i), 1, 256);
    else throw UsageError("unknown option '" + a[i] + "'.");
  }
  if (model_path.empty()) throw UsageError("--model names the model file to serve.");
  mlcore::models::ModelBundle model;
  try {
    model = mlcore::models::load_model_text(read_file(model_path));
  } catch (const mlcore::Error& e) {
    throw InputError(model_path, e);
  }

  // Every thread inherits this mask, so the signals wait for sigwait() below instead of
  // interrupting a worker; a client that hangs up mid-answer must not kill the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  mlplay::http::Server server(o, [&model](const mlplay::http::Request& r) {
    return mlcore::serve::score(model, {r.method, r.target, r.content_type, r.body});
  });
  server.start();
  std::cout << url_of(o.host, server.port()) << "\n"
            << "Serving " << model_path << " (" << model.family << ", " << mlcore::models::to_string(model.task)
            << ", predicts " << model.target.name() << ") with " << o.threads
            << (o.threads == 1 ? " worker thread" : " worker threads") << ": POST /score, POST /invocations, GET /ping, GET /health. Ctrl+C stops.\n"
            << std::flush;
  int received = 0;
  sigwait(&stop_signals, &received);
  server.stop();
  std::cerr << "mlplay serve: stopped on " << (received == SIGINT ? "SIGINT" : "SIGTERM") << ".\n";
  return kExitOk;
}

}  // namespace

void register_serve_sub_commands() {
  sub_commands()["serve"] = SubCommand{"Serve a model file over HTTP (/score, /invocations).", kServeUsage, run_serve};
}

}  // namespace mlplay
