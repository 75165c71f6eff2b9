#!/usr/bin/env python3
"""Writes a customers CSV and an order-lines CSV for the order import benchmark.

Usage: generate-order-lines.py LINES CUSTOMERS_CSV ORDERS_CSV [STORE_CODES] [SKU_PRICES]

Two years of orders, in time order as a till exports them, with seasonality (春节 before the
spring festival, 618 in June, 双11 in November, busier weekends) and a mix of loyal, occasional
and lapsed customers (lapsed ones stop buying after the first year). Orders have 1 to 5 lines; a
few name a member number the customers file does not have, with a name, so the import creates
them. Deterministic: the same arguments give the same files.
"""
import datetime
import random
import sys

lines_wanted = int(sys.argv[1])
customers_path, orders_path = sys.argv[2], sys.argv[3]
stores = (sys.argv[4] if len(sys.argv) > 4 else "SH,BJ,GZ,SZ,CD,HZ").split(",")
skus = [s.split("=") for s in (sys.argv[5] if len(sys.argv) > 5 else "B-WASH=68.00").split(",")]
rnd = random.Random(11)

n_customers = max(200, lines_wanted // 20)
family = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂文华建国晓梅欣怡子涵浩然宇轩雨泽梓萱一诺思远嘉"

with open(customers_path, "w", encoding="utf-8", newline="") as f:
    f.write("会员号,姓名,手机,来源\n")
    for i in range(n_customers):
        name = rnd.choice(family) + "".join(rnd.choice(given) for _ in range(rnd.choice((1, 2))))
        f.write("M%08d,%s,1%d%09d,门店\n" % (i, name, rnd.choice((3, 5, 8, 9)), i))

# loyal 15 % (weight 10), occasional 55 % (weight 2), lapsed 30 % (weight 3, first year only)
kinds = [rnd.random() for _ in range(n_customers)]
weights = [10 if k < 0.15 else 2 if k < 0.70 else 3 for k in kinds]
lapsed = [k >= 0.70 for k in kinds]
active_all = [i for i in range(n_customers) if not lapsed[i]]
active_weights = [weights[i] for i in active_all]
home = [rnd.randrange(len(stores)) for _ in range(n_customers)]

today = datetime.date.today()
start = today - datetime.timedelta(days=730)


def season(day):
    w = 1.0
    if day.weekday() >= 5:
        w *= 1.4
    md = (day.month, day.day)
    if (1, 10) <= md <= (2, 10):  # before the spring festival (春节)
        w *= 1.8
    if (6, 1) <= md <= (6, 18):  # 618
        w *= 2.2
    if (11, 1) <= md <= (11, 11):  # 双11
        w *= 3.0
    if md == (11, 11) or md == (6, 18):
        w *= 2.0
    return w


days = [start + datetime.timedelta(days=d) for d in range(730)]
day_weights = [season(d) for d in days]
mean_lines = 2.875 / 1.03  # a little over, cut at exactly LINES
orders_total = int(lines_wanted / mean_lines) + 1
scale = orders_total / sum(day_weights)
payments = ["微信支付", "支付宝", "银行卡", "现金"]
written = 0
order_no = 0
with open(orders_path, "w", encoding="utf-8", newline="") as f:
    f.write("订单号,下单时间,门店,会员号,姓名,商品编码,数量,单价,折扣,支付方式\n")
    out = []
    for day, w in zip(days, day_weights):
        if written >= lines_wanted:
            break
        second_year = (day - start).days >= 365
        n = int(w * scale + rnd.random())
        if second_year:
            chosen = rnd.choices(active_all, active_weights, k=n)
        else:
            chosen = rnd.choices(range(n_customers), weights, k=n)
        seconds = sorted(rnd.randrange(9 * 3600, 22 * 3600) for _ in range(n))
        for c, sec in zip(chosen, seconds):
            if written >= lines_wanted:
                break
            order_no += 1
            at = "%s %02d:%02d:%02d" % (day.isoformat(), sec // 3600, sec % 3600 // 60, sec % 60)
            store = stores[home[c] if rnd.random() < 0.9 else rnd.randrange(len(stores))]
            if rnd.random() < 0.01:
                member, name = "N%08d" % order_no, rnd.choice(family) + rnd.choice(given)
            else:
                member, name = "M%08d" % c, ""
            pay = rnd.choice(payments)
            k = min(rnd.choice((1, 2, 2, 3, 3, 3, 4, 5)), lines_wanted - written)
            for sku, price in rnd.sample(skus, min(k, len(skus))):
                qty = rnd.choice((1, 1, 1, 2, 3))
                discount = "" if rnd.random() < 0.8 else "%.2f" % (float(price) * qty * 0.1)
                out.append("SO%09d,%s,%s,%s,%s,%s,%d,,%s,%s\n" % (order_no, at, store, member, name, sku, qty, discount, pay))
                written += 1
            if len(out) >= 10000:
                f.write("".join(out))
                out.clear()
    f.write("".join(out))
print("customers %d, orders %d, lines %d" % (n_customers, order_no, written))
