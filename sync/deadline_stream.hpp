// One HTTP connection's socket for httplib with a deadline per request (issue #12, finding 9): httplib 0.11
// times out each read, so a client trickling a byte every few seconds held a worker for ever. This stream
// also keeps the bytes it has read ahead, so a pipelined request already in its buffer is answered, not
// lost to a keep-alive wait on an empty socket; and it can gather a request's head without blocking
// (fill_head), so a connection holds no worker until its request line and headers are all there (issue
// #29: the connection hub reads heads for every connection on one thread).
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <vector>

namespace magtreg::sync {

class DeadlineStream final : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;
  DeadlineStream(int sock, std::chrono::milliseconds read_timeout, std::chrono::milliseconds write_timeout)
      : m_sock(sock), m_read_timeout(read_timeout), m_write_timeout(write_timeout) {}

  // Waits up to `idle` for the next request (true at once when its bytes are already buffered), then
  // gives it `budget` to arrive whole: request line, headers and body.
  bool next_request(std::chrono::milliseconds idle, std::chrono::milliseconds budget);
  // The next request must have arrived whole by `deadline` (its head is already buffered).
  void start_request(Clock::time_point deadline) {
    m_deadline = deadline;
    m_timed_out = false;
  }

  // Reads what the socket holds now, without waiting, keeping at most `limit` buffered bytes: Read when
  // bytes came, Nothing when none were waiting (or the buffer is full), Closed when the peer has closed
  // or the socket failed.
  enum class Fill { Read, Nothing, Closed };
  Fill fill(std::size_t limit);
  // True when the buffered bytes hold a whole request head (request line and headers, up to the empty
  // line), or `limit` bytes of one, for httplib to answer.
  bool head_ready(std::size_t limit) const;
  bool has_buffered() const { return m_begin < m_end; }

  // True once a read of the current request timed out or ran out of budget: the connection must close
  // (httplib answers such a request 400 and would otherwise keep the connection alive).
  bool timed_out() const { return m_timed_out; }

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  int socket() const override { return m_sock; }

 private:
  bool wait(short events, std::chrono::milliseconds timeout) const;
  std::chrono::milliseconds read_wait() const;
  int m_sock;
  std::chrono::milliseconds m_read_timeout, m_write_timeout;
  Clock::time_point m_deadline = Clock::time_point::max();
  std::vector<char> m_buffer = std::vector<char>(4096);
  size_t m_begin = 0, m_end = 0;
  bool m_timed_out = false;
};

}  // namespace magtreg::sync
