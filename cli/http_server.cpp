// Sockets, the accepting thread and the epoll workers; see http_server.hpp.
#include "http_server.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/error.hpp"
#include "http_connection.hpp"

namespace mlplay::http {
namespace {

mlcore::Error listen_failed(const ServerOptions& o, const std::string& why) {
  return mlcore::Error("serve.listen_failed",
                       "Cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + why + ".");
}

int open_listener(const ServerOptions& o) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(o.host.c_str(), std::to_string(o.port).c_str(), &hints, &found))
    throw listen_failed(o, ::gai_strerror(rc));
  std::string why = "no address";
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      why = std::strerror(errno);
      continue;
    }
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
      why = std::strerror(errno);
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) throw listen_failed(o, why);
  return fd;
}

int bound_port(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
  return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
}

}  // namespace

// One epoll loop over the connections the acceptor hands it, plus the stop eventfd and its own
// wake-up eventfd for new connections. Connections are looked up by fd, so the loop alone owns
// them.
class Server::Worker {
 public:
  Worker(const Handler& handler, std::size_t max_body, int stop_fd)
      : handler_(handler), max_body_(max_body), stop_fd_(stop_fd) {
    epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_fd_ < 0 || wake_fd_ < 0) throw mlcore::Error("serve.listen_failed", std::string("epoll: ") + std::strerror(errno));
    watch(stop_fd_, EPOLLIN, EPOLL_CTL_ADD);
    watch(wake_fd_, EPOLLIN, EPOLL_CTL_ADD);
  }
  ~Worker() {
    if (thread_.joinable()) thread_.join();
    for (int fd : pending_) ::close(fd);
    ::close(wake_fd_);
    ::close(epoll_fd_);
  }

  void start() { thread_ = std::thread([this] { run(); }); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

  // From the acceptor thread.
  void adopt(int fd) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pending_.push_back(fd);
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
  }

 private:
  void watch(int fd, std::uint32_t events, int op) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    ::epoll_ctl(epoll_fd_, op, fd, &ev);
  }

  void take_pending() {
    std::uint64_t count = 0;
    [[maybe_unused]] const ssize_t n = ::read(wake_fd_, &count, sizeof count);
    std::vector<int> fds;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      fds.swap(pending_);
    }
    for (int fd : fds) {
      connections_.emplace(fd, std::make_unique<Connection>(fd, handler_, max_body_));
      watch(fd, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_ADD);
    }
  }

  void run() {
    epoll_event events[64];
    for (;;) {
      const int n = ::epoll_wait(epoll_fd_, events, 64, -1);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == stop_fd_) {
          connections_.clear();  // closes every socket
          return;
        }
        if (fd == wake_fd_) {
          take_pending();
          continue;
        }
        const auto it = connections_.find(fd);
        if (it == connections_.end()) continue;
        Connection& c = *it->second;
        const std::uint32_t e = events[i].events;
        Connection::Next next;
        if (e & EPOLLOUT) next = c.on_writable();
        else if (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) next = c.on_readable();
        else continue;
        if (next == Connection::Next::Close) {
          connections_.erase(it);  // the socket leaves the epoll set as it closes
          continue;
        }
        const bool writing = next == Connection::Next::Write;
        const bool was_writing = (e & EPOLLOUT) != 0;
        if (writing != was_writing) watch(fd, writing ? EPOLLOUT : (EPOLLIN | EPOLLRDHUP), EPOLL_CTL_MOD);
      }
    }
  }

  const Handler& handler_;
  std::size_t max_body_;
  int stop_fd_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::mutex mutex_;
  std::vector<int> pending_;
  std::unordered_map<int, std::unique_ptr<Connection>> connections_;
  std::thread thread_;
};

Server::Server(ServerOptions options, Handler handler) : options_(std::move(options)), handler_(std::move(handler)) {
  listen_fd_ = open_listener(options_);
  port_ = bound_port(listen_fd_);
  stop_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  const int n = options_.threads < 1 ? 1 : options_.threads;
  for (int i = 0; i < n; ++i) workers_.push_back(std::make_unique<Worker>(handler_, options_.max_body, stop_fd_));
}

Server::~Server() {
  stop();
  workers_.clear();
  ::close(stop_fd_);
  ::close(listen_fd_);
}

void Server::start() {
  if (started_) return;
  started_ = true;
  for (auto& w : workers_) w->start();
  acceptor_ = std::thread([this] { accept_loop(); });
}

void Server::stop() {
  if (!started_) return;
  started_ = false;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(stop_fd_, &one, sizeof one);
  if (acceptor_.joinable()) acceptor_.join();
  for (auto& w : workers_) w->join();
}

void Server::accept_loop() {
  std::size_t next = 0;
  pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  for (;;) {
    if (::poll(fds, 2, -1) < 0 && errno != EINTR) return;
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    for (;;) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        // Out of file descriptors: wait a little instead of spinning on the same error.
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        break;
      }
      const int on = 1;  // answers are small and complete: send them at once
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
      workers_[next++ % workers_.size()]->adopt(fd);
    }
  }
}

}  // namespace mlplay::http
