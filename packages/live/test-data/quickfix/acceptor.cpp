// A small FIX.4.2 venue on QuickFIX C++ (Debian libquickfix-dev 1.15) for the live package's session tests.
// Usage: acceptor <port> <FIX42.xml> <senderCompID> <targetCompID> <storeDir>
// - Market NewOrderSingle (40=1): ExecutionReport New, then Fill at 100.25.
// - Limit NewOrderSingle (40=2): ExecutionReport New; the order rests until OrderCancelRequest → ExecutionReport Canceled.
// - ClOrdID starting with "GAP": before replying, the acceptor skips one outgoing MsgSeqNum (a forced gap that the
//   initiator must recover with ResendRequest; QuickFIX answers with SequenceReset-GapFill).
// Prints one line per event on stdout: READY, LOGON, APP <MsgType> <ClOrdID> <PossDupFlag>, LOGOUT <nextSender> <nextTarget>.
// Build: g++ -std=c++14 -O1 acceptor.cpp -o acceptor -lquickfix -lpthread
#include <quickfix/Application.h>
#include <quickfix/MessageStore.h>
#include <quickfix/FileStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>
#include <csignal>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>

static volatile std::sig_atomic_t stopRequested = 0;
static void onSignal(int) { stopRequested = 1; }

class Venue : public FIX::Application {
 public:
  void onCreate(const FIX::SessionID&) override {}
  void onLogon(const FIX::SessionID&) override { say("LOGON"); }
  void onLogout(const FIX::SessionID& id) override {
    FIX::Session* s = FIX::Session::lookupSession(id);
    std::ostringstream o;
    o << "LOGOUT " << (s ? s->getExpectedSenderNum() : 0) << " " << (s ? s->getExpectedTargetNum() : 0);
    say(o.str());
  }
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {}
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message&, const FIX::SessionID&)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {}
  void fromApp(const FIX::Message& m, const FIX::SessionID& id)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    const std::string type = m.getHeader().getField(35);
    const std::string clOrdId = m.getField(11);
    const std::string possDup = m.getHeader().isSetField(43) ? m.getHeader().getField(43) : "N";
    say("APP " + type + " " + clOrdId + " " + possDup);
    if (type == "D") {
      const std::string ordType = m.getField(40);
      const std::string qty = m.getField(38);
      if (clOrdId.rfind("GAP", 0) == 0) {
        FIX::Session* s = FIX::Session::lookupSession(id);
        s->setNextSenderMsgSeqNum(s->getExpectedSenderNum() + 1);
      }
      const std::string orderId = "O" + clOrdId;
      send(id, report(m, orderId, "0", "0", "0", qty, "0", "0", ""));
      if (ordType == "1") {
        send(id, report(m, orderId, "2", "2", qty, "0", "100.25", qty, "100.25"));
      } else {
        resting[clOrdId] = m;
      }
    } else if (type == "F") {
      const std::string orig = m.getField(41);
      auto it = resting.find(orig);
      if (it == resting.end()) {
        FIX::Message r;
        r.getHeader().setField(35, "9");
        r.setField(37, "NONE");
        r.setField(11, clOrdId);
        r.setField(41, orig);
        r.setField(39, "8");
        r.setField(434, "1");
        r.setField(102, "1");
        send(id, r);
      } else {
        FIX::Message rep = report(it->second, "O" + orig, "4", "4", "0", "0", "0", "0", "");
        rep.setField(11, clOrdId);
        rep.setField(41, orig);
        send(id, rep);
        resting.erase(it);
      }
    } else {
      throw FIX::UnsupportedMessageType();
    }
  }

 private:
  std::map<std::string, FIX::Message> resting;
  int execCount = 0;
  static void say(const std::string& s) { std::cout << s << std::endl; }
  void send(const FIX::SessionID& id, FIX::Message m) { FIX::Session::sendToTarget(m, id); }
  FIX::Message report(const FIX::Message& order, const std::string& orderId, const std::string& execType,
                      const std::string& ordStatus, const std::string& cumQty, const std::string& leavesQty,
                      const std::string& avgPx, const std::string& lastShares, const std::string& lastPx) {
    FIX::Message r;
    r.getHeader().setField(35, "8");
    r.setField(37, orderId);
    r.setField(11, order.getField(11));
    r.setField(17, "X" + std::to_string(++execCount));
    r.setField(20, "0");
    r.setField(150, execType);
    r.setField(39, ordStatus);
    r.setField(55, order.getField(55));
    r.setField(54, order.getField(54));
    r.setField(38, order.getField(38));
    r.setField(151, leavesQty);
    r.setField(14, cumQty);
    r.setField(6, avgPx);
    if (!lastShares.empty() && lastShares != "0") {
      r.setField(32, lastShares);
      r.setField(31, lastPx);
    }
    return r;
  }
};

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: acceptor <port> <FIX42.xml> <senderCompID> <targetCompID> <storeDir>" << std::endl;
    return 2;
  }
  std::signal(SIGTERM, onSignal);
  std::signal(SIGINT, onSignal);
  std::ostringstream cfg;
  cfg << "[DEFAULT]\nConnectionType=acceptor\nSocketAcceptPort=" << argv[1]
      << "\nSocketReuseAddress=Y\nStartTime=00:00:00\nEndTime=00:00:00\nUseDataDictionary=Y\nDataDictionary=" << argv[2]
      << "\nResetOnLogon=Y\nResetOnLogout=N\nPersistMessages=Y\nFileStorePath=" << argv[5] << "\n\n[SESSION]\nBeginString=FIX.4.2\nSenderCompID=" << argv[3]
      << "\nTargetCompID=" << argv[4] << "\n";
  std::istringstream in(cfg.str());
  try {
    FIX::SessionSettings settings(in);
    Venue venue;
    // A file store: QuickFIX's MemoryStore cannot return stored messages after a hole in the sequence, which the
    // forced-gap test creates; the FileStore reads each number on its own.
    FIX::FileStoreFactory store(settings);
    FIX::SocketAcceptor acceptor(venue, store, settings);
    acceptor.start();
    std::cout << "READY" << std::endl;
    while (!stopRequested) usleep(50 * 1000);
    acceptor.stop(true);
  } catch (std::exception& e) {
    std::cerr << "acceptor error: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
