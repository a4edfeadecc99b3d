#include "ImagePusher.h"

#include "HttpConnection.h"
#include "ParallelRunner.h"
#include "ScenarioRunner.h"
#include "Sha256.h"

#include <chrono>
#include <stdexcept>

const char* const ImagePusher::kManifestType = "application/vnd.oci.image.manifest.v1+json";
const char* const ImagePusher::kAccept = "application/vnd.oci.image.manifest.v1+json, "
                                         "application/vnd.docker.distribution.manifest.v2+json";

std::string ImagePusher::salted(const std::string& salt)
{
    return salt + "-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
}

namespace {
std::string manifestOf(const std::string& configDigest, std::size_t configSize,
                       const std::string& layerDigest, std::size_t layerSize, const std::string& annotations)
{
    return std::string("{\"schemaVersion\":2,\"mediaType\":\"") + ImagePusher::kManifestType +
           "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" +
           configDigest + "\",\"size\":" + std::to_string(configSize) +
           "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" +
           layerDigest + "\",\"size\":" + std::to_string(layerSize) + "}]" + annotations + "}";
}
} // namespace

ImagePusher::Image ImagePusher::make(const std::string& salt, std::size_t layerSize)
{
    Image image;
    const std::string head = "layer " + salted(salt);
    image.layer = head + std::string(layerSize > head.size() ? layerSize - head.size() : 0, 'x');
    image.layerDigest = Sha256::digestOf(image.layer.data(), image.layer.size());
    image.config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                   "\"diff_ids\":[\"" +
                   image.layerDigest + "\"]}}";
    image.configDigest = Sha256::digestOf(image.config.data(), image.config.size());
    image.manifest =
        manifestOf(image.configDigest, image.config.size(), image.layerDigest, image.layer.size(), "");
    image.digest = Sha256::digestOf(image.manifest.data(), image.manifest.size());
    return image;
}

void ImagePusher::pushBlobs(HttpConnection& connection, const std::string& repository, const Image& image)
{
    std::string error;
    if (!ScenarioRunner::pushBlob(connection, repository, {image.layer}, image.layerDigest, 0, error) ||
        !ScenarioRunner::pushBlob(connection, repository, {image.config}, image.configDigest, 0, error))
        throw std::runtime_error("cannot push a blob to " + repository + ": " + error);
}

ImagePusher::Image ImagePusher::prepare(HttpConnection& connection, const std::string& repository,
                                        const std::string& salt, std::size_t layerSize)
{
    Image image = make(salt, layerSize);
    pushBlobs(connection, repository, image);
    return image;
}

ImagePusher::Image ImagePusher::annotated(const Image& image, const std::string& note)
{
    Image copy = image;
    copy.manifest = manifestOf(image.configDigest, image.config.size(), image.layerDigest, image.layer.size(),
                               ",\"annotations\":{\"org.example.bench\":\"" + note + "\"}");
    copy.digest = Sha256::digestOf(copy.manifest.data(), copy.manifest.size());
    return copy;
}

bool ImagePusher::putManifest(HttpConnection& connection, const std::string& repository,
                              const std::string& reference, const Image& image, std::string& error)
{
    const HttpResponse put = connection.request("PUT", "/v2/" + repository + "/manifests/" + reference,
                                                {{"Content-Type", kManifestType}}, {image.manifest});
    if (put.status != 201) {
        error = ParallelRunner::describe(put, "PUT manifest " + repository + ":" + reference);
        return false;
    }
    return true;
}
