// The server's RFC 6455 framing (server/WsFrameCodec, server/WsHandshake) rule by rule, without
// sockets: what a client frame must look like, what closes with which code, and that the size limit
// is decided from the header before any payload is held.
#include <WsFrameCodec.h>
#include <WsHandshake.h>

#include <QtTest>

using Ws::Decoder;
using Ws::Opcode;

namespace {

// A client frame: masked unless told otherwise; `first` is the whole first byte (FIN, RSV, opcode).
QByteArray clientFrame(quint8 first, const QByteArray &payload, bool masked = true, quint64 declaredLength = ~0ull)
{
    const quint64 length = declaredLength == ~0ull ? quint64(payload.size()) : declaredLength;
    QByteArray out;
    out.append(char(first));
    const char maskBit = masked ? char(0x80) : char(0);
    if (length < 126) {
        out.append(char(maskBit | char(length)));
    } else if (length < 65536) {
        out.append(char(maskBit | 126));
        out.append(char(length >> 8));
        out.append(char(length & 0xFF));
    } else {
        out.append(char(maskBit | 127));
        for (int i = 7; i >= 0; --i)
            out.append(char((length >> (8 * i)) & 0xFF));
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    if (masked)
        out.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        out.append(masked ? char(payload.at(i) ^ mask[i % 4]) : payload.at(i));
    return out;
}

QByteArray text(const QByteArray &payload, bool fin = true) { return clientFrame(fin ? 0x81 : 0x01, payload); }
QByteArray continuation(const QByteArray &payload, bool fin) { return clientFrame(fin ? 0x80 : 0x00, payload); }

struct Decoded
{
    QList<Decoder::Frame> frames;
    Decoder::Status last = Decoder::Status::NeedMore;
    qsizetype consumed = 0;
};

// Feeds `bytes` in pieces of `step` (0: all at once) and collects every frame.
Decoded decodeAll(Decoder &decoder, const QByteArray &bytes, qsizetype step = 0)
{
    Decoded d;
    qsizetype offset = 0;
    while (offset < bytes.size()) {
        const qsizetype size = step > 0 ? std::min(step, bytes.size() - offset) : bytes.size() - offset;
        qsizetype piece = 0;
        while (piece < size) {
            qsizetype used = 0;
            Decoder::Frame frame;
            d.last = decoder.decode(bytes.constData() + offset + piece, size - piece, &used, &frame);
            piece += used;
            d.consumed += used;
            if (d.last == Decoder::Status::Frame)
                d.frames.append(frame);
            if (d.last == Decoder::Status::Failed)
                return d;
            if (d.last == Decoder::Status::NeedMore)
                break;
        }
        offset += size;
    }
    return d;
}

} // namespace

class TestWsFrameCodec : public QObject
{
    Q_OBJECT

private slots:
    void maskedTextFrame()
    {
        Decoder decoder;
        const Decoded d = decodeAll(decoder, text(R"({"op":"ping","id":1})"));
        QCOMPARE(d.frames.size(), 1);
        QCOMPARE(d.frames.first().opcode, Opcode::Text);
        QVERIFY(d.frames.first().final);
        QCOMPARE(d.frames.first().payload, QByteArray(R"({"op":"ping","id":1})"));
    }

    // RFC 6455 5.1: the server MUST close on an unmasked frame (1002), decided after two bytes.
    void unmaskedFrameIs1002()
    {
        Decoder decoder;
        const QByteArray frame = clientFrame(0x81, "hello", false);
        qsizetype used = 0;
        Decoder::Frame out;
        QCOMPARE(decoder.decode(frame.constData(), 2, &used, &out), Decoder::Status::Failed);
        QCOMPARE(decoder.failureCode(), quint16(1002));
        // Control frames too.
        Decoder pings;
        QCOMPARE(decodeAll(pings, clientFrame(0x89, {}, false)).last, Decoder::Status::Failed);
        QCOMPARE(pings.failureCode(), quint16(1002));
    }

    void failureIgnoresTheRest()
    {
        Decoder decoder;
        const QByteArray bytes = clientFrame(0x81, "x", false) + text("after");
        const Decoded d = decodeAll(decoder, bytes);
        QCOMPARE(d.last, Decoder::Status::Failed);
        QVERIFY(d.frames.isEmpty());
        qsizetype used = 0;
        Decoder::Frame out;
        const QByteArray more = text("more");
        QCOMPARE(decoder.decode(more.constData(), more.size(), &used, &out), Decoder::Status::Failed);
        QCOMPARE(used, more.size());
    }

    void lengths_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("7-bit 0") << 0;
        QTest::newRow("7-bit 125") << 125;
        QTest::newRow("16-bit 126") << 126;
        QTest::newRow("16-bit 65535") << 65535;
        QTest::newRow("64-bit 65536") << 65536;
    }
    void lengths()
    {
        QFETCH(int, size);
        const QByteArray payload(size, 'a');
        for (const qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(7), qsizetype(4096)}) {
            Decoder decoder(64 * 1024);
            const Decoded d = decodeAll(decoder, text(payload), step);
            QCOMPARE(d.last, Decoder::Status::Frame);
            QCOMPARE(d.frames.size(), 1);
            QCOMPARE(d.frames.first().payload.size(), size);
            QCOMPARE(d.frames.first().payload, payload);
        }
    }

    // Over the limit: 1009 from the header alone (the payload never came, nothing was held).
    void oversizedIs1009BeforeThePayload()
    {
        Decoder decoder(64 * 1024);
        const QByteArray header = clientFrame(0x81, {}, true, 64 * 1024 + 1);
        QCOMPARE(header.size(), 2 + 8 + 4);
        qsizetype used = 0;
        Decoder::Frame out;
        QCOMPARE(decoder.decode(header.constData(), header.size(), &used, &out), Decoder::Status::Failed);
        QCOMPARE(decoder.failureCode(), quint16(1009));
        QCOMPARE(decoder.bufferedBytes(), 0);

        // A declared 2^62 bytes: the same, at once.
        Decoder huge;
        QCOMPARE(decodeAll(huge, clientFrame(0x81, {}, true, quint64(1) << 62)).last, Decoder::Status::Failed);
        QCOMPARE(huge.failureCode(), quint16(1009));
        // The most significant bit of a 64-bit length must be 0 (RFC 6455 5.2).
        Decoder msb;
        QCOMPARE(decodeAll(msb, clientFrame(0x81, {}, true, quint64(1) << 63)).last, Decoder::Status::Failed);
        QCOMPARE(msb.failureCode(), quint16(1002));
    }

    // The limit is per message: fragments that together pass it are 1009 at the fragment that does.
    void fragmentsCountTowardTheLimit()
    {
        Decoder decoder(100);
        const Decoded d = decodeAll(decoder, text(QByteArray(60, 'a'), false) + continuation(QByteArray(41, 'b'), true));
        QCOMPARE(d.frames.size(), 1); // the first fragment
        QCOMPARE(d.last, Decoder::Status::Failed);
        QCOMPARE(decoder.failureCode(), quint16(1009));
        QVERIFY(decoder.bufferedBytes() <= 100);
    }

    void fragmentedMessage()
    {
        Decoder decoder;
        // A ping between fragments is allowed (RFC 6455 5.4) and comes out on its own.
        const QByteArray bytes = text("{\"op\":", false) + clientFrame(0x89, "p") + continuation("\"ping\",", false)
            + continuation("\"id\":2}", true);
        const Decoded d = decodeAll(decoder, bytes, 3);
        QCOMPARE(d.frames.size(), 4);
        QVERIFY(!d.frames.at(0).final);
        QVERIFY(d.frames.at(0).payload.isEmpty());
        QCOMPARE(d.frames.at(1).opcode, Opcode::Ping);
        QCOMPARE(d.frames.at(1).payload, QByteArray("p"));
        QVERIFY(!d.frames.at(2).final);
        QVERIFY(d.frames.at(3).final);
        QCOMPARE(d.frames.at(3).payload, QByteArray(R"({"op":"ping","id":2})"));
    }

    void continuationWithoutMessageIs1002()
    {
        Decoder decoder;
        QCOMPARE(decodeAll(decoder, continuation("x", true)).last, Decoder::Status::Failed);
        QCOMPARE(decoder.failureCode(), quint16(1002));
    }

    void newMessageInsideFragmentedOneIs1002()
    {
        Decoder decoder;
        QCOMPARE(decodeAll(decoder, text("a", false) + text("b")).last, Decoder::Status::Failed);
        QCOMPARE(decoder.failureCode(), quint16(1002));
    }

    void binaryIs1003()
    {
        Decoder decoder;
        QCOMPARE(decodeAll(decoder, clientFrame(0x82, QByteArray(1000, 'x'), true)).last, Decoder::Status::Failed);
        QCOMPARE(decoder.failureCode(), quint16(1003));
        QCOMPARE(decoder.bufferedBytes(), 0); // decided from the header
    }

    void invalidUtf8Is1007_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("bad continuation") << QByteArray("\xc3\x28");
        QTest::newRow("overlong /") << QByteArray("\xc0\xaf");
        QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80");
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
        QTest::newRow("truncated") << QByteArray("abc\xe2\x82");
        QTest::newRow("0xFF") << QByteArray("\xff");
    }
    void invalidUtf8Is1007()
    {
        QFETCH(QByteArray, bytes);
        Decoder decoder;
        QCOMPARE(decodeAll(decoder, text(bytes)).last, Decoder::Status::Failed);
        QCOMPARE(decoder.failureCode(), quint16(1007));
    }

    void validUtf8()
    {
        const QByteArray ok = QStringLiteral("Zoë · 東京 · 𝄞 · \u00a0").toUtf8();
        QVERIFY(Ws::isValidUtf8(ok.constData(), ok.size()));
        Decoder decoder;
        const Decoded d = decodeAll(decoder, text(ok));
        QCOMPARE(d.frames.size(), 1);
        QCOMPARE(d.frames.first().payload, ok);
        // A character split across two fragments is fine: the message is checked whole.
        Decoder split;
        const QByteArray euro("\xe2\x82\xac");
        const Decoded s = decodeAll(split, text(euro.left(1), false) + continuation(euro.mid(1), true));
        QCOMPARE(s.last, Decoder::Status::Frame);
        QCOMPARE(s.frames.last().payload, euro);
    }

    void reservedBitsAre1002_data()
    {
        QTest::addColumn<int>("first");
        QTest::newRow("RSV1") << 0xC1;
        QTest::newRow("RSV2") << 0xA1;
        QTest::newRow("RSV3") << 0x91;
        QTest::newRow("opcode 3") << 0x83;
        QTest::newRow("opcode 7") << 0x87;
        QTest::newRow("opcode B") << 0x8B;
        QTest::newRow("opcode F") << 0x8F;
    }
    void reservedBitsAre1002()
    {
        QFETCH(int, first);
        Decoder decoder;
        QCOMPARE(decodeAll(decoder, clientFrame(quint8(first), "x")).last, Decoder::Status::Failed);
        QCOMPARE(decoder.failureCode(), quint16(1002));
    }

    void controlFrameRules()
    {
        Decoder big;
        QCOMPARE(decodeAll(big, clientFrame(0x89, QByteArray(126, 'p'))).last, Decoder::Status::Failed);
        QCOMPARE(big.failureCode(), quint16(1002));
        Decoder fragmented;
        QCOMPARE(decodeAll(fragmented, clientFrame(0x09, "p")).last, Decoder::Status::Failed);
        QCOMPARE(fragmented.failureCode(), quint16(1002));
        Decoder ok;
        const Decoded d = decodeAll(ok, clientFrame(0x89, QByteArray(125, 'p')) + clientFrame(0x8A, "q"));
        QCOMPARE(d.frames.size(), 2);
        QCOMPARE(d.frames.at(0).opcode, Opcode::Ping);
        QCOMPARE(d.frames.at(0).payload.size(), 125);
        QCOMPARE(d.frames.at(1).opcode, Opcode::Pong);
    }

    void closeFrames()
    {
        Decoder decoder;
        const Decoded d = decodeAll(decoder, clientFrame(0x88, QByteArray("\x03\xe8") + "bye") + clientFrame(0x88, {}));
        QCOMPARE(d.frames.size(), 2);
        QCOMPARE(d.frames.at(0).opcode, Opcode::Close);
        QCOMPARE(d.frames.at(0).closeCode, quint16(1000));
        QCOMPARE(d.frames.at(0).payload, QByteArray("bye"));
        QCOMPARE(d.frames.at(1).closeCode, quint16(0));

        Decoder oneByte;
        QCOMPARE(decodeAll(oneByte, clientFrame(0x88, "\x03")).last, Decoder::Status::Failed);
        QCOMPARE(oneByte.failureCode(), quint16(1002));
        for (const quint16 code : {quint16(999), quint16(1004), quint16(1005), quint16(1006), quint16(1015), quint16(2000), quint16(5000)}) {
            Decoder bad;
            QByteArray payload(2, Qt::Uninitialized);
            payload[0] = char(code >> 8);
            payload[1] = char(code & 0xFF);
            QCOMPARE(decodeAll(bad, clientFrame(0x88, payload)).last, Decoder::Status::Failed);
            QCOMPARE(bad.failureCode(), quint16(1002));
        }
        Decoder badReason;
        QCOMPARE(decodeAll(badReason, clientFrame(0x88, QByteArray("\x03\xe8\xff", 3))).last, Decoder::Status::Failed);
        QCOMPARE(badReason.failureCode(), quint16(1007));
    }

    void serverFramesAreUnmasked()
    {
        QCOMPARE(Ws::frame(Opcode::Text, "hi"), QByteArray("\x81\x02hi"));
        const QByteArray mid = Ws::frame(Opcode::Text, QByteArray(300, 'x'));
        QCOMPARE(mid.left(4), QByteArray("\x81\x7e\x01\x2c", 4));
        QCOMPARE(mid.size(), 304);
        const QByteArray big = Ws::frame(Opcode::Text, QByteArray(70000, 'x'));
        QCOMPARE(big.left(10), QByteArray("\x81\x7f\x00\x00\x00\x00\x00\x01\x11\x70", 10));
        QCOMPARE(Ws::frame(Opcode::Ping, {}), QByteArray("\x89\x00", 2));
        QCOMPARE(Ws::closeFrame(4401, QStringLiteral("unauthorized")), QByteArray("\x88\x0e\x11\x31unauthorized"));
        QCOMPARE(Ws::closeFrame(0), QByteArray("\x88\x00", 2));
        // A long reason is cut to fit 125 bytes, never inside a character.
        const QByteArray cut = Ws::closeFrame(1000, QString(100, QChar(0x00e9)));
        QVERIFY(cut.size() <= 2 + 125);
        QVERIFY(Ws::isValidUtf8(cut.constData() + 4, cut.size() - 4));
    }

    // RFC 6455 4.2.2's own example key.
    void handshake()
    {
        QCOMPARE(WsHandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        const QByteArray good = "GET /api/v1/live HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer t";
        const WsHandshake::Answer ok = WsHandshake::answer(good);
        QCOMPARE(ok.status, 101);
        QVERIFY(ok.response.startsWith("HTTP/1.1 101 "));
        QVERIFY(ok.response.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        QVERIFY(ok.response.endsWith("\r\n\r\n"));
        QCOMPARE(ok.authorization, QByteArray("Bearer t"));

        QByteArray v8 = good;
        v8.replace("Version: 13", "Version: 8");
        QCOMPARE(WsHandshake::answer(v8).status, 426);
        QByteArray badKey = good;
        badKey.replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ=");
        QCOMPARE(WsHandshake::answer(badKey).status, 400);
        QByteArray noKey = good;
        noKey.replace("Sec-WebSocket-Key", "X-Key");
        QCOMPARE(WsHandshake::answer(noKey).status, 400);
        QByteArray post = good;
        post.replace("GET ", "POST ");
        QCOMPARE(WsHandshake::answer(post).status, 400);
        QCOMPARE(WsHandshake::answer(good + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==").status, 400);
        QByteArray noHost = good;
        noHost.replace("Host: x\r\n", "");
        QCOMPARE(WsHandshake::answer(noHost).status, 400);
    }
};

QTEST_GUILESS_MAIN(TestWsFrameCodec)
#include "tst_ws_frame_codec.moc"
