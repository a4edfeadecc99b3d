#include "BigDockerArchive.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <functional>

namespace {

constexpr qint64 Block = 512;

qint64 padded(qint64 size)
{
    return (size + Block - 1) / Block * Block;
}

/// A ustar header for a regular file.
QByteArray header(const QByteArray& name, qint64 size)
{
    QByteArray h(Block, '\0');
    auto put = [&h](int offset, const QByteArray& value) { h.replace(offset, value.size(), value); };
    put(0, name.left(99));
    put(100, "0000644");
    put(108, "0000000");
    put(116, "0000000");
    put(124, QByteArray::number(size, 8).rightJustified(11, '0'));
    put(136, "00000000000");
    put(148, "        "); // checksum placeholder
    h[156] = '0';
    put(257, QByteArray("ustar\0"
                        "00",
                        8));
    unsigned sum = 0;
    for (char c : h)
        sum += static_cast<unsigned char>(c);
    put(148, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
    return h;
}

/// The layer: a tar holding one file of `bytes` zeros. `sink` gets it in pieces.
void generateLayer(qint64 bytes, const std::function<void(QByteArrayView)>& sink)
{
    sink(header("zeros.bin", bytes));
    const QByteArray chunk(1 << 20, '\0');
    for (qint64 left = padded(bytes); left > 0; left -= chunk.size())
        sink(QByteArrayView(chunk).first(qMin<qint64>(left, chunk.size())));
    sink(QByteArray(2 * Block, '\0'));
}

qint64 layerSize(qint64 bytes)
{
    return Block + padded(bytes) + 2 * Block;
}

bool writeEntry(QFile& out, const QByteArray& name, const QByteArray& data)
{
    return out.write(header(name, data.size())) == Block && out.write(data) == data.size() &&
           out.write(QByteArray(padded(data.size()) - data.size(), '\0')) >= 0;
}

} // namespace

bool BigDockerArchive::write(const QString& path, const QString& repoTag, qint64 layerBytes, QString* error)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    generateLayer(layerBytes, [&hash](QByteArrayView piece) { hash.addData(piece); });
    const QString diffId = QStringLiteral("sha256:") + QString::fromLatin1(hash.result().toHex());

    const QJsonObject config{
        {QStringLiteral("architecture"), QStringLiteral("amd64")},
        {QStringLiteral("os"), QStringLiteral("linux")},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("Cmd"), QJsonArray{QStringLiteral("/bin/true")}}}},
        {QStringLiteral("rootfs"), QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                                               {QStringLiteral("diff_ids"), QJsonArray{diffId}}}},
    };
    const QByteArray configBytes = QJsonDocument(config).toJson(QJsonDocument::Compact);
    const QByteArray configName =
        QCryptographicHash::hash(configBytes, QCryptographicHash::Sha256).toHex() + ".json";
    const QByteArray layerName = diffId.mid(7, 64).toLatin1() + "/layer.tar";
    const QJsonArray manifest{QJsonObject{
        {QStringLiteral("Config"), QString::fromLatin1(configName)},
        {QStringLiteral("RepoTags"), QJsonArray{repoTag}},
        {QStringLiteral("Layers"), QJsonArray{QString::fromLatin1(layerName)}},
    }};

    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = out.errorString();
        return false;
    }
    bool ok = out.write(header(layerName, layerSize(layerBytes))) == Block;
    generateLayer(layerBytes, [&out, &ok](QByteArrayView piece) {
        ok = ok && out.write(piece.data(), piece.size()) == piece.size();
    });
    // layerSize is a multiple of 512: no padding after it.
    ok = ok && writeEntry(out, configName, configBytes) &&
         writeEntry(out, "manifest.json", QJsonDocument(manifest).toJson(QJsonDocument::Compact)) &&
         out.write(QByteArray(2 * Block, '\0')) == 2 * Block;
    if (!ok)
        *error = out.errorString();
    return ok;
}
