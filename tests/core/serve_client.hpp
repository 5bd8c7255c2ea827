// For the end-to-end tests of `mlplay serve`: start the real binary on a free port (it prints its
// URL first, as serve.py does), talk HTTP/1.1 to it over a plain socket, stop it with SIGTERM.
#pragma once
#include <catch2/catch.hpp>

#include <cctype>
#include <csignal>
#include <map>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace serve_test {

// `mlplay serve ARGS... --port 0`, stopped (SIGTERM) and reaped on destruction unless stop() ran.
class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> args) {
    args.insert(args.begin(), {MLPLAY_CLI, "serve"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 2);
      ::close(out[0]);
      ::close(out[1]);
      ::execv(MLPLAY_CLI, argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    out_ = out[0];
    // The first line is the URL; wait up to 10 s for it.
    std::string line;
    char c;
    while (line.find('\n') == std::string::npos) {
      pollfd p{out_, POLLIN, 0};
      REQUIRE(::poll(&p, 1, 10000) == 1);
      if (::read(out_, &c, 1) != 1) break;
      line += c;
    }
    INFO(line);
    const auto colon = line.rfind(':');
    REQUIRE(line.rfind("http://127.0.0.1:", 0) == 0);
    url = line.substr(0, line.size() - 1);
    port = std::stoi(line.substr(colon + 1));
  }
  ~ServerProcess() {
    if (pid_ > 0) stop();
    if (out_ >= 0) ::close(out_);
  }
  // SIGTERM, then the exit status (0 = a clean stop); -1 if it had to be killed after 10 s.
  int stop() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 1000; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      ::usleep(10000);
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return -1;
  }

  std::string url;
  int port = 0;

 private:
  pid_t pid_ = -1;
  int out_ = -1;
};

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

// One keep-alive connection to 127.0.0.1:port; requests are raw bytes, answers are parsed by
// their Content-Length.
class Client {
 public:
  explicit Client(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  }
  ~Client() { ::close(fd_); }

  void send_raw(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      REQUIRE(n > 0);
      sent += static_cast<std::size_t>(n);
    }
  }

  // `head_only`: the answer to a HEAD request, whose Content-Length describes no body.
  Response read_response(bool head_only = false) {
    Response r;
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) REQUIRE(fill());
    const std::string head = buf_.substr(0, end + 2);
    buf_.erase(0, end + 4);
    r.status = std::stoi(head.substr(9, 3));
    for (std::size_t at = head.find("\r\n") + 2; at < head.size();) {
      const auto eol = head.find("\r\n", at);
      const std::string line = head.substr(at, eol - at);
      const auto colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
      at = eol + 2;
    }
    const std::size_t length = head_only ? 0 : std::stoul(r.headers.at("content-length"));
    while (buf_.size() < length) REQUIRE(fill());
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return r;
  }

  Response request(const std::string& method, const std::string& path, const std::string& body = "",
                   const std::string& content_type = "application/json") {
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!content_type.empty()) req += "Content-Type: " + content_type + "\r\n";
    if (method == "POST") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    send_raw(req + "\r\n" + body);
    return read_response();
  }

  // True when the server has closed the connection (reads EOF within 5 s).
  bool closed_by_server() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 5000) != 1) return false;
    char c;
    return ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  bool fill() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 10000) != 1) return false;
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buf_;
};

}  // namespace serve_test
