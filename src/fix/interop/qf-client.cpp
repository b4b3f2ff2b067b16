// A small QuickFIX (libquickfix-dev) initiator for interop tests: sends N limit NewOrderSingles
// (ClOrdID Q<i>) on the one session of its settings file as soon as it is logged on, and prints
// "SENT <i>" and "FILL <id> <possdup>" lines; "DONE <fills>" when every order has a fill.
// Unlike QuickFIX's tradeclient it lets PossDup resends go out, so orders survive a restart of the
// counterparty. Build: g++ -std=gnu++14 -O1 -o qf-client qf-client.cpp -lquickfix -lpthread
#include "quickfix/Application.h"
#include "quickfix/FileStore.h"
#include "quickfix/MessageCracker.h"
#include "quickfix/Session.h"
#include "quickfix/SessionSettings.h"
#include "quickfix/SocketInitiator.h"
#include "quickfix/Utility.h"
#include "quickfix/fix44/ExecutionReport.h"
#include "quickfix/fix44/NewOrderSingle.h"
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>
#include <string>

// QuickFIX 1.15 (Debian bookworm) declares dynamic exception specifications; newer releases use
// an EXCEPT macro. Either way the overrides below must repeat them.
#ifndef EXCEPT
#define EXCEPT(...) throw(__VA_ARGS__)
#endif

class Client : public FIX::Application, public FIX::MessageCracker {
public:
  std::atomic<bool> loggedOn{false};
  std::set<std::string> filled;
  std::mutex mu;
  FIX::SessionID session;

  void onCreate(const FIX::SessionID &id) override { session = id; }
  void onLogon(const FIX::SessionID &) override { loggedOn = true; }
  void onLogout(const FIX::SessionID &) override { loggedOn = false; }
  void toAdmin(FIX::Message &, const FIX::SessionID &) override {}
  void toApp(FIX::Message &, const FIX::SessionID &) EXCEPT(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message &, const FIX::SessionID &)
      EXCEPT(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {}
  void fromApp(const FIX::Message &m, const FIX::SessionID &id)
      EXCEPT(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    crack(m, id);
  }
  void onMessage(const FIX44::ExecutionReport &er, const FIX::SessionID &) override {
    FIX::ClOrdID id;
    er.get(id);
    FIX::PossDupFlag pd(false);
    er.getHeader().getFieldIfSet(pd);
    std::lock_guard<std::mutex> l(mu);
    filled.insert(id.getValue());
    std::printf("FILL %s %d\n", id.getValue().c_str(), pd.getValue() ? 1 : 0);
    std::fflush(stdout);
  }
};

int main(int argc, char **argv) {
  if (argc < 3) {
    std::printf("usage: %s SETTINGS N\n", argv[0]);
    return 2;
  }
  int n = std::atoi(argv[2]);
  FIX::SessionSettings settings(argv[1]);
  Client app;
  FIX::FileStoreFactory store(settings);
  FIX::SocketInitiator initiator(app, store, settings);
  initiator.start();
  int sent = 0;
  for (int waited = 0; !app.loggedOn && waited < 20000; waited += 10) FIX::process_sleep(0.01);
  while (sent < n) {
    FIX44::NewOrderSingle o(FIX::ClOrdID("Q" + std::to_string(sent)), FIX::Side(FIX::Side_BUY), FIX::TransactTime(),
                            FIX::OrdType(FIX::OrdType_LIMIT));
    o.set(FIX::Symbol("IBM"));
    o.set(FIX::OrderQty(100 + (sent % 7) * 100));
    o.set(FIX::Price(100.0 + (sent % 500) * 0.25));
    FIX::Session::sendToTarget(o, app.session);
    std::printf("SENT %d\n", sent);
    std::fflush(stdout);
    sent++;
    if (sent % 50 == 0) FIX::process_sleep(0.002);
  }
  for (int waited = 0; waited < 60000; waited += 10) {
    {
      std::lock_guard<std::mutex> l(app.mu);
      if ((int)app.filled.size() >= n) break;
    }
    FIX::process_sleep(0.01);
  }
  std::printf("DONE %d\n", (int)app.filled.size());
  std::fflush(stdout);
  initiator.stop();
  return (int)app.filled.size() >= n ? 0 : 1;
}
