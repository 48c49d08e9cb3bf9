"""Abstractive mode against a local fake OpenAI-compatible server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import regex

from khabar.config import SummarySettings
from khabar.errors import FetchFailed
from khabar.model import Article
from khabar.summary.abstractive import abstractive_summary, check_backing, parse_generated

TEXTS = {
    "a1": "राज्य सरकार ने बुधवार को नई जल नीति की घोषणा की। मंत्री रमेश वर्मा ने कहा कि बाढ़ में 120 लोगों की मौत हुई है।",
    "b2": "राज्य सरकार ने नई जल नीति की घोषणा बुधवार को की। नई नीति के तहत हर जिले में जल आयोग बनेगा।",
}


class _Fake(BaseHTTPRequestHandler):
    seen: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Fake.seen.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        user = body["messages"][-1]["content"]
        # cite the source sentence that gives the death toll
        n = next(m.group(1) for m in regex.finditer(r"\[(\d+)\] ([^\n]*)", user) if "120" in m.group(2))
        content = (f"मंत्री रमेश वर्मा ने कहा कि बाढ़ में 120 लोगों की मौत हुई है। [{n}]\n"
                   f"बाढ़ में 12,000 लोग बेघर हुए हैं। [{n}]")
        out = json.dumps({"id": "x", "object": "chat.completion", "model": body["model"],
                          "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                       "finish_reason": "stop"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = HTTPServer(("127.0.0.1", 0), _Fake)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _articles():
    return [Article(k, v, source=k.upper(), clean_text=v, language="hi") for k, v in TEXTS.items()]


def test_backed_kept_unbacked_dropped(server):
    settings = SummarySettings(llm_url=server, llm_model="fake-1", llm_api_key="k")
    res = abstractive_summary(_articles(), settings, n_sentences=3)
    assert [s.text for s in res.sentences] == ["मंत्री रमेश वर्मा ने कहा कि बाढ़ में 120 लोगों की मौत हुई है।"]
    assert res.sentences[0].external_ids == ["a1"]
    assert len(res.dropped) == 1 and res.dropped[0].reason == "figure:12000"
    req = _Fake.seen[-1]
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer k"
    assert req["body"]["model"] == "fake-1"
    d = res.to_dict()
    assert d["dropped"][0]["reason"] == "figure:12000" and d["sentences"][0]["citations"] == ["a1"]


def test_off_by_default():
    with pytest.raises(FetchFailed, match="K010"):
        abstractive_summary(_articles(), SummarySettings())


def test_unreachable_endpoint_is_a_coded_error():
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = SummarySettings(llm_url=f"http://127.0.0.1:{port}", llm_model="m")
    with pytest.raises(FetchFailed, match="chat completion failed"):
        abstractive_summary(_articles(), settings, timeout=2)


def test_parse_and_check():
    parsed = parse_generated("1. पहला वाक्य है। [1, 3]\n- दूसरा वाक्य [2][4]\nबिना स्रोत का वाक्य।")
    assert parsed == [("पहला वाक्य है।", [1, 3]), ("दूसरा वाक्य", [2, 4]), ("बिना स्रोत का वाक्य।", [])]
    assert parse_generated("11,000 सैनिक कुर्स्क में हैं। [3]") == [("11,000 सैनिक कुर्स्क में हैं।", [3])]
    src = ["पुतिन ने 9 नवंबर को कानून पर हस्ताक्षर किए।"]
    assert check_backing("पुतिन ने 9 नवंबर को कानून पर हस्ताक्षर किए।", src) == (True, "")
    assert check_backing("पुतिन ने 12 नवंबर को कानून पर हस्ताक्षर किए।", src)[1].startswith("figure:12")
    assert check_backing("पुतिन ने कानून पर हस्ताक्षर किए।", []) == (False, "no-citation")
    assert check_backing("Biden ने कानून पर हस्ताक्षर किए।", src) == (False, "name:Biden")
    assert check_backing("मौसम विभाग ने भारी बारिश की चेतावनी दी।", src)[1].startswith("overlap:")


def test_known_entity_must_be_named_in_cited_sentence():
    from khabar.model import Entity
    from khabar.summary.abstractive import name_groups

    ents = [Entity("PER:kim", "PER", "किम जोंग उन", aliases={"किम जोंग-उन": 2, "किम": 3}),
            Entity("PER:putin", "PER", "व्लादिमीर पुतिन", aliases={"पुतिन": 5})]
    names = name_groups(ents)
    src = ["उत्तर कोरियाई नेता किम जोंग-उन ने संधि के अनुसमर्थन आदेश पर हस्ताक्षर किए।"]
    assert check_backing("किम ने संधि के अनुसमर्थन आदेश पर हस्ताक्षर किए।", src, names) == (True, "")
    assert check_backing("पुतिन ने संधि के अनुसमर्थन आदेश पर हस्ताक्षर किए।", src, names) == (
        False, "name:व्लादिमीर पुतिन")
