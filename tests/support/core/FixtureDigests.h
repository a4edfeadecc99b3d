#pragma once

#include <QString>

/// Digests of the fixture images that scripts/prepare-test-tools.sh makes (test-images/SUMMARY.txt).
namespace berth::fixtures {

/// oci-single: the image manifest and its config.
inline const QString SingleImage =
    QStringLiteral("sha256:ba1e2568af7850df541b95b9ec19936167a2f570385b9b74b1bdee9da32b331b");
inline const QString SingleConfig =
    QStringLiteral("sha256:eeb08f89300e72ce01a992a49f855c9c5c672ed07543ff118b2df30c8dd6b469");
/// oci-multi: the index and its two platform manifests.
inline const QString MultiIndex =
    QStringLiteral("sha256:67a1167efc05d94c540fb46adabd1e5f0eb30a1c30a727e44b788b310a5d64e9");
inline const QString MultiAmd64 =
    QStringLiteral("sha256:1d45082f031a4c8d6de4673eae5ca36ba69131303d7227c31945bdcdbf8aedcf");
inline const QString MultiArm64 =
    QStringLiteral("sha256:e0a477b36734b4079a46354599f1103c91ca62d53be5ec0c2c26ee70681292ff");
/// oci-referrer: the SBOM artifact that refers to oci-single's image.
inline const QString ReferrerArtifact =
    QStringLiteral("sha256:79665b51f56c6bb2f5e54604875fdc4ecb93d8b4d68d2ddf231aa7a03af4758a");
/// helm-chart: the chart's manifest, config and layer.
inline const QString HelmManifest =
    QStringLiteral("sha256:4e394f992543ff157e318da105873199049e905aaf93b3a4208756f0b21f4dac");
inline const QString ChartConfig =
    QStringLiteral("sha256:ec8d484c1cf571a6f877cb552eedd26240529fe12aa1a5661ca6ad5ba1a2eb23");
inline const QString ChartLayer =
    QStringLiteral("sha256:4172b3ca7590c32c4faac80f2f17f0e9de160a40210338c31cdfdc51516545d9");

} // namespace berth::fixtures
