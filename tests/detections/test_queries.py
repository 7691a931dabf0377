"""Runs the generated detection queries on sample CloudTrail records.

Usage: python test_queries.py BOOK_DIR PLAYBOOK_ID

The records in sample-cloudtrail.json are loaded into DuckDB as the table Athena's
CloudTrail table would be (lower-case columns, `useridentity` a struct, request parameters
as JSON text). The Athena query must return exactly the records of the playbook's events
(sample-01 to sample-07): a record matches only when its event source *and* its event name
are a pair the playbook lists. The CloudTrail Lake query, the Logs Insights filter and the
union of the Sigma rules must select the same records.

The Security Lake file holds one statement per event group over the OCSF table of
CloudTrail management events; sample-ocsf.json holds records shaped like that table's
(nested structs), loaded into DuckDB under the table's own name. Each statement runs as
written, with no rewrite, and must return exactly its group's records (OCSF_EXPECTED).
"""

import json
import re
import sys
import traceback
from pathlib import Path

import duckdb
import yaml

HERE = Path(__file__).resolve().parent
EXPECTED = {f"sample-{n:02d}" for n in range(1, 8)}
COLUMNS = [
    "eventtime",
    "eventsource",
    "eventname",
    "awsregion",
    "sourceipaddress",
    "useridentity_arn",
    "useridentity_type",
    "errorcode",
    "errormessage",
    "requestparameters",
]


# Security Lake: the records of each event group of the Amazon Q playbook in sample-ocsf.json.
# Groups not listed must return nothing.
OCSF_EXPECTED = {
    "general": ["ocsf-05", "ocsf-01"],
    "indices": ["ocsf-02", "ocsf-03"],
    "data-sources": ["ocsf-04"],
    "admin-controls": ["ocsf-06"],
    "users-groups": ["ocsf-07"],
}
OCSF_COLUMNS = [
    "time_dt",
    "api_service_name",
    "api_operation",
    "cloud_region",
    "actor_user_uid",
    "src_endpoint_ip",
    "api_response_error",
    "api_response_message",
    "api_request_uid",
    "http_request_user_agent",
]
OCSF_TABLE = "amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0"


def load_ocsf(con):
    """The Security Lake table (AWS source version 2), with the columns the sample has."""
    con.execute(
        f"""CREATE TABLE {OCSF_TABLE} (
            metadata STRUCT(uid VARCHAR, product STRUCT(name VARCHAR, vendor_name VARCHAR), version VARCHAR),
            class_uid INTEGER,
            activity_id INTEGER,
            category_uid INTEGER,
            time_dt TIMESTAMP,
            api STRUCT(
                operation VARCHAR,
                service STRUCT(name VARCHAR),
                request STRUCT(uid VARCHAR),
                response STRUCT(error VARCHAR, message VARCHAR)
            ),
            actor STRUCT("user" STRUCT(uid VARCHAR, type VARCHAR, account STRUCT(uid VARCHAR))),
            src_endpoint STRUCT(ip VARCHAR),
            cloud STRUCT(region VARCHAR, provider VARCHAR),
            http_request STRUCT(user_agent VARCHAR),
            accountid VARCHAR,
            region VARCHAR,
            eventday VARCHAR
        )"""
    )
    records = json.loads((HERE / "sample-ocsf.json").read_text())["records"]
    columns = [
        "metadata", "class_uid", "activity_id", "category_uid", "time_dt", "api", "actor",
        "src_endpoint", "cloud", "http_request", "accountid", "region", "eventday",
    ]
    con.executemany(
        f"INSERT INTO {OCSF_TABLE} VALUES ({', '.join('?' * len(columns))})",
        [[r[c] for c in columns] for r in records],
    )
    return records


def test_security_lake(book, playbook):
    text = (book / "detections" / "security-lake" / f"{playbook}.sql").read_text()
    assert f"FROM {OCSF_TABLE}" in text, "the table name is missing"
    # One statement per group, each after its `-- group: <key> (title)` line.
    parts = text.split("-- group: ")[1:]
    assert len(parts) >= len(OCSF_EXPECTED), f"{len(parts)} statements"
    con = duckdb.connect()
    load_ocsf(con)
    seen = set()
    for part in parts:
        key = part.split(" ", 1)[0]
        assert key not in seen, f"group {key} twice"
        seen.add(key)
        assert part.count(";") == 1 and part.rstrip().endswith(";"), f"{key}: not one statement"
        cur = con.execute("-- group: " + part)
        assert [d[0] for d in cur.description] == OCSF_COLUMNS, (key, cur.description)
        rows = cur.fetchall()
        got = [row[8].removeprefix("req-") for row in rows]
        want = OCSF_EXPECTED.get(key, [])
        # Exactly the group's records, ordered by time (the order OCSF_EXPECTED gives).
        assert got == want, f"group {key}: got {got}, expected {want}"
        for row in rows:
            if row[2] == "DeleteIndex":
                assert row[4] == "arn:aws:sts::111122223333:assumed-role/Admin/bob", row
                assert row[5] == "198.51.100.7" and row[6] == "AccessDenied", row
                assert row[3] == "us-east-1" and row[9] == "aws-cli/2.15.0", row
    assert set(OCSF_EXPECTED) <= seen, f"statements for {sorted(seen)}"


def records():
    return json.loads((HERE / "sample-cloudtrail.json").read_text())["Records"]


def by_key():
    """(eventtime, eventsource, eventname) -> eventID: the queries do not select the id."""
    return {(r["eventTime"], r["eventSource"], r["eventName"]): r["eventID"] for r in records()}


def load(con):
    con.execute(
        """CREATE TABLE cloudtrail_logs (
            eventversion VARCHAR,
            useridentity STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR),
            eventtime VARCHAR,
            eventsource VARCHAR,
            eventname VARCHAR,
            awsregion VARCHAR,
            sourceipaddress VARCHAR,
            useragent VARCHAR,
            errorcode VARCHAR,
            errormessage VARCHAR,
            requestparameters VARCHAR,
            responseelements VARCHAR,
            requestid VARCHAR,
            eventid VARCHAR,
            readonly VARCHAR,
            eventtype VARCHAR,
            managementevent BOOLEAN,
            recipientaccountid VARCHAR,
            eventcategory VARCHAR
        )"""
    )
    rows = []
    for r in records():
        u = r["userIdentity"]
        rows.append(
            (
                r["eventVersion"],
                {"type": u["type"], "principalid": u["principalId"], "arn": u["arn"], "accountid": u["accountId"]},
                r["eventTime"],
                r["eventSource"],
                r["eventName"],
                r["awsRegion"],
                r["sourceIPAddress"],
                r["userAgent"],
                r.get("errorCode"),
                r.get("errorMessage"),
                None if r["requestParameters"] is None else json.dumps(r["requestParameters"]),
                None,
                r["requestID"],
                r["eventID"],
                str(r["readOnly"]).lower(),
                r["eventType"],
                r["managementEvent"],
                r["recipientAccountId"],
                r["eventCategory"],
            )
        )
    con.executemany(f"INSERT INTO cloudtrail_logs VALUES ({', '.join('?' * 19)})", rows)


def ids(rows):
    keys = by_key()
    return [keys[(row[0], row[1], row[2])] for row in rows]


def test_athena(book, playbook):
    sql = (book / "detections" / "athena" / f"{playbook}.sql").read_text()
    assert "FROM cloudtrail_logs" in sql, "the table placeholder is missing"
    con = duckdb.connect()
    load(con)
    cur = con.execute(sql)
    assert [d[0] for d in cur.description] == COLUMNS, cur.description
    rows = cur.fetchall()
    got = ids(rows)
    assert set(got) == EXPECTED, f"matched {sorted(got)}, expected {sorted(EXPECTED)}"
    assert len(got) == len(EXPECTED), f"duplicate rows: {got}"
    times = [row[0] for row in rows]
    assert times == sorted(times), "not ordered by eventtime"
    denied = [row for row in rows if row[2] == "DeleteIndex"][0]
    assert denied[5] == "arn:aws:sts::111122223333:assumed-role/Admin/bob", denied
    assert denied[6] == "AssumedRole" and denied[7] == "AccessDeniedException", denied
    assert json.loads(denied[9]) == {"applicationId": "a-1", "indexId": "i-1"}, denied


def test_cloudtrail_lake(book, playbook):
    sql = (book / "detections" / "cloudtrail-lake" / f"{playbook}.sql").read_text()
    assert "<event_data_store_id>" in sql, "the event data store placeholder is missing"
    assert "-- For existing CloudTrail Lake users" in sql, "not marked as for existing Lake users"
    # DuckDB resolves identifiers case-insensitively, so Lake's camel-case names run on
    # the same table once the placeholder is replaced.
    con = duckdb.connect()
    load(con)
    rows = con.execute(sql.replace("<event_data_store_id>", "cloudtrail_logs")).fetchall()
    got = ids(rows)
    assert set(got) == EXPECTED and len(got) == len(EXPECTED), sorted(got)
    times = [row[0] for row in rows]
    assert times == sorted(times, reverse=True), "not ordered by eventTime DESC"


def insights_pairs(text):
    """The (source, names) pairs of the Logs Insights filter."""
    pairs = re.findall(r'\(eventSource = "([^"]+)" and eventName in \[([^\]]*)\]\)', text)
    return [(s, set(json.loads(f"[{names}]"))) for s, names in pairs]


def test_logs_insights(book, playbook):
    text = (book / "detections" / "logs-insights" / f"{playbook}.txt").read_text()
    assert "| sort @timestamp desc" in text
    pairs = insights_pairs(text)
    assert pairs, "no filter found"
    got = {
        r["eventID"]
        for r in records()
        if any(r["eventSource"] == s and r["eventName"] in names for s, names in pairs)
    }
    assert got == EXPECTED, sorted(got)


def sigma_matches(rule, record):
    """Evaluates the subset of Sigma the exports use: plain field values or lists."""
    detection = rule["detection"]
    condition = detection["condition"]
    selections = {k: v for k, v in detection.items() if k != "condition"}

    def hit(sel):
        for field, want in sel.items():
            assert "|" not in field, f"unexpected modifier in {field}"
            want = want if isinstance(want, list) else [want]
            if record.get(field) not in want:
                return False
        return True

    if condition == "selection":
        return hit(selections["selection"])
    assert condition == "1 of selection_*", condition
    return any(hit(s) for s in selections.values())


def test_sigma(book, playbook):
    # One file per playbook, one YAML document per rule.
    path = book / "detections" / "sigma" / ("aws_cloudtrail_" + playbook.replace("-", "_") + ".yml")
    rules = list(yaml.safe_load_all(path.read_text()))
    assert rules, "no Sigma rule"
    assert len({r["id"] for r in rules}) == len(rules), "rule ids are not unique"
    for r in rules:
        assert r["logsource"] == {"product": "aws", "service": "cloudtrail"}, r["logsource"]
    got = {rec["eventID"] for rec in records() if any(sigma_matches(r, rec) for r in rules)}
    assert got == EXPECTED, sorted(got)
    changes = [r for r in rules if r["level"] == "medium"]
    flagged = {rec["eventID"] for rec in records() if any(sigma_matches(r, rec) for r in changes)}
    # Writes that are not common in normal use; reads (GetIndex…) are for hunting only.
    assert flagged == {"sample-03", "sample-04", "sample-05", "sample-07"}, sorted(flagged)


def main():
    book, playbook = Path(sys.argv[1]), sys.argv[2]
    tests = [test_security_lake, test_athena, test_cloudtrail_lake, test_logs_insights, test_sigma]
    failed = 0
    for test in tests:
        try:
            test(book, playbook)
            print(f"ok   {test.__name__}")
        except Exception:  # report every failure, then fail the run
            failed += 1
            print(f"FAIL {test.__name__}")
            traceback.print_exc()
    print(f"detections: {len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
