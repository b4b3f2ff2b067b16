// A QuickFIX (libquickfix-dev) trading program for the exchange's interop test: two FIX 4.4 initiator
// sessions (the first two of its settings file: the maker, then the taker) run a fixed script against
// the gateway and print every ExecutionReport as one line:
//   ER <SenderCompID> <ClOrdID> <OrigClOrdID|-> <ExecType> <OrdStatus> <LastQty|-> <LastPx|-> <CumQty> <LeavesQty> <AvgPx> <OrderID> <OrderQty|->
// and "CXLREJ <SenderCompID> <ClOrdID> <CxlRejReason>" for cancel rejects, "DONE" at the end.
// Each step waits for its order's acknowledgement (resting orders) or its terminal state (takers), so
// the script's outcome does not depend on timing. Symbol QFX has no synthetic agents (exact fills);
// AAPL trades against the synthetic market (fills at whatever the agents quote).
// Build: g++ -std=gnu++14 -O1 -o qf-trader qf-trader.cpp -lquickfix -lpthread
#include "quickfix/Application.h"
#include "quickfix/MessageStore.h"
#include "quickfix/MessageCracker.h"
#include "quickfix/Session.h"
#include "quickfix/SessionSettings.h"
#include "quickfix/SocketInitiator.h"
#include "quickfix/Utility.h"
#include "quickfix/fix44/ExecutionReport.h"
#include "quickfix/fix44/NewOrderSingle.h"
#include "quickfix/fix44/OrderCancelReject.h"
#include "quickfix/fix44/OrderCancelReplaceRequest.h"
#include "quickfix/fix44/OrderCancelRequest.h"
#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#ifndef EXCEPT
#define EXCEPT(...) throw(__VA_ARGS__)
#endif

static std::string opt(const FIX::Message &m, int tag) { return m.isSetField(tag) ? m.getField(tag) : "-"; }

class Trader : public FIX::Application, public FIX::MessageCracker {
public:
  std::mutex mu;
  std::vector<FIX::SessionID> ids;
  std::map<std::string, bool> up;
  std::map<std::string, std::string> status; // ClOrdID -> last OrdStatus
  std::map<std::string, int> cxlRej;

  void onCreate(const FIX::SessionID &id) override { std::lock_guard<std::mutex> l(mu); ids.push_back(id); }
  void onLogon(const FIX::SessionID &id) override { std::lock_guard<std::mutex> l(mu); up[id.getSenderCompID().getValue()] = true; }
  void onLogout(const FIX::SessionID &id) override { std::lock_guard<std::mutex> l(mu); up[id.getSenderCompID().getValue()] = false; }
  void toAdmin(FIX::Message &, const FIX::SessionID &) override {}
  void toApp(FIX::Message &, const FIX::SessionID &) EXCEPT(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message &m, const FIX::SessionID &)
      EXCEPT(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {
    if (m.getHeader().getField(35) == "3") { std::printf("SESSIONREJECT %s\n", m.toString().c_str()); std::fflush(stdout); }
  }
  void fromApp(const FIX::Message &m, const FIX::SessionID &id)
      EXCEPT(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    crack(m, id);
  }
  void onMessage(const FIX44::ExecutionReport &er, const FIX::SessionID &id) override {
    std::lock_guard<std::mutex> l(mu);
    std::string cl = opt(er, 11);
    status[cl] = er.getField(39);
    std::printf("ER %s %s %s %s %s %s %s %s %s %s %s %s\n", id.getSenderCompID().getValue().c_str(), cl.c_str(), opt(er, 41).c_str(),
                er.getField(150).c_str(), er.getField(39).c_str(), opt(er, 32).c_str(), opt(er, 31).c_str(), er.getField(14).c_str(),
                er.getField(151).c_str(), er.getField(6).c_str(), er.getField(37).c_str(), opt(er, 38).c_str());
    std::fflush(stdout);
  }
  void onMessage(const FIX44::OrderCancelReject &r, const FIX::SessionID &id) override {
    std::lock_guard<std::mutex> l(mu);
    cxlRej[r.getField(11)]++;
    std::printf("CXLREJ %s %s %s\n", id.getSenderCompID().getValue().c_str(), r.getField(11).c_str(), opt(r, 102).c_str());
    std::fflush(stdout);
  }

  std::string st(const std::string &cl) { std::lock_guard<std::mutex> l(mu); auto i = status.find(cl); return i == status.end() ? "" : i->second; }
  bool wait(const std::string &cl, bool terminal) {
    for (int w = 0; w < 10000; w += 2) {
      std::string s = st(cl);
      if (!s.empty() && (!terminal || s == "2" || s == "4" || s == "8" || s == "C")) return true;
      FIX::process_sleep(0.002);
    }
    std::printf("TIMEOUT %s\n", cl.c_str());
    std::fflush(stdout);
    return false;
  }
};

static int seq = 0;

static std::string order(Trader &t, const FIX::SessionID &s, const char *sym, char side, int qty, double px, char tif, bool terminal) {
  std::string cl = "QF" + std::to_string(++seq);
  FIX44::NewOrderSingle o(FIX::ClOrdID(cl), FIX::Side(side), FIX::TransactTime(), FIX::OrdType(px > 0 ? FIX::OrdType_LIMIT : FIX::OrdType_MARKET));
  o.set(FIX::Symbol(sym));
  o.set(FIX::OrderQty(qty));
  if (px > 0) o.set(FIX::Price(px));
  o.set(FIX::TimeInForce(tif));
  FIX::Session::sendToTarget(o, s);
  t.wait(cl, terminal);
  return cl;
}

int main(int argc, char **argv) {
  if (argc < 2) { std::printf("usage: %s SETTINGS\n", argv[0]); return 2; }
  FIX::SessionSettings settings(argv[1]);
  Trader t;
  FIX::MemoryStoreFactory store;
  FIX::SocketInitiator initiator(t, store, settings);
  initiator.start();
  for (int w = 0; w < 20000; w += 10) {
    { std::lock_guard<std::mutex> l(t.mu); int n = 0; for (auto &kv : t.up) n += kv.second; if (n >= 2) break; }
    FIX::process_sleep(0.01);
  }
  FIX::SessionID maker, taker;
  // sessions sorted by SenderCompID: the maker is the first (QuickFIX keeps its settings in a std::set)
  { std::lock_guard<std::mutex> l(t.mu); std::sort(t.ids.begin(), t.ids.end()); maker = t.ids[0]; taker = t.ids[1]; }
  // QFX, no agents: five resting levels, a buy through them, an IOC for the rest
  const double lv[5] = {100.00, 100.01, 100.02, 100.03, 100.04};
  for (int k = 0; k < 5; k++) order(t, maker, "QFX", FIX::Side_SELL, 100 * (k + 1), lv[k], FIX::TimeInForce_DAY, false);
  order(t, taker, "QFX", FIX::Side_BUY, 1200, 100.04, FIX::TimeInForce_DAY, true);
  order(t, taker, "QFX", FIX::Side_BUY, 500, 100.04, FIX::TimeInForce_IMMEDIATE_OR_CANCEL, true);
  // a resting bid, replaced (priority lost), then hit by the maker in two sells
  std::string bid = order(t, taker, "QFX", FIX::Side_BUY, 300, 99.90, FIX::TimeInForce_GOOD_TILL_CANCEL, false);
  {
    FIX44::OrderCancelReplaceRequest r(FIX::OrigClOrdID(bid), FIX::ClOrdID("QFR1"), FIX::Side(FIX::Side_BUY), FIX::TransactTime(), FIX::OrdType(FIX::OrdType_LIMIT));
    r.set(FIX::Symbol("QFX"));
    r.set(FIX::OrderQty(400));
    r.set(FIX::Price(99.95));
    FIX::Session::sendToTarget(r, taker);
    for (int w = 0; w < 5000 && t.st("QFR1").empty(); w += 2) FIX::process_sleep(0.002);
  }
  order(t, maker, "QFX", FIX::Side_SELL, 150, 99.95, FIX::TimeInForce_IMMEDIATE_OR_CANCEL, true);
  order(t, maker, "QFX", FIX::Side_SELL, 250, 99.95, FIX::TimeInForce_DAY, true);
  // a cancel of a resting order, and a cancel of an unknown one
  std::string rest = order(t, maker, "QFX", FIX::Side_SELL, 100, 101.00, FIX::TimeInForce_DAY, false);
  {
    FIX44::OrderCancelRequest c(FIX::OrigClOrdID(rest), FIX::ClOrdID("QFC1"), FIX::Side(FIX::Side_SELL), FIX::TransactTime());
    c.set(FIX::Symbol("QFX"));
    c.set(FIX::OrderQty(100));
    FIX::Session::sendToTarget(c, maker);
    t.wait("QFC1", true);
    FIX44::OrderCancelRequest u(FIX::OrigClOrdID("NOSUCH"), FIX::ClOrdID("QFC2"), FIX::Side(FIX::Side_SELL), FIX::TransactTime());
    u.set(FIX::Symbol("QFX"));
    u.set(FIX::OrderQty(100));
    FIX::Session::sendToTarget(u, maker);
    for (int w = 0; w < 5000; w += 2) { { std::lock_guard<std::mutex> l(t.mu); if (t.cxlRej.count("QFC2")) break; } FIX::process_sleep(0.002); }
  }
  // AAPL against the synthetic market: market orders both ways, an aggressive IOC limit
  order(t, taker, "AAPL", FIX::Side_BUY, 300, 0, FIX::TimeInForce_IMMEDIATE_OR_CANCEL, true);
  order(t, maker, "AAPL", FIX::Side_SELL, 300, 0, FIX::TimeInForce_IMMEDIATE_OR_CANCEL, true);
  std::printf("DONE\n");
  std::fflush(stdout);
  initiator.stop();
  return 0;
}
