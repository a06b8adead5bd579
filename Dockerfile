# sts-grader for CI jobs (see docs/ci.md): the grader, kubectl and helm on
# Debian bookworm, the same packages scripts/deps.sh builds with.
#   docker build -t sts-grader .
#   docker run --rm --network host -v "$HOME/.kube:/root/.kube:ro" -v "$PWD:/work" \
#     sts-grader grade /work/k8s --out /work/report
FROM debian:bookworm-slim AS build
COPY . /src
RUN apt-get update -qq \
 && bash /src/scripts/deps.sh \
 && cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTS_E2E=OFF \
 && ninja -C /build sts-grader \
 && cmake --install /build --prefix /opt/sts-grader --component runtime

FROM debian:bookworm-slim
# Pinned client versions: kubectl matches the testbed the grader is proven on;
# helm renders Lab 15 charts. Both checked against their published SHA-256.
ARG KUBECTL_VERSION=v1.33.13
# HELM_VERSION: the version tools/helm/go.mod pins.
ARG HELM_VERSION=v3.21.4
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends ca-certificates curl \
      libcurl4 libyaml-cpp0.7 libboost-filesystem1.74.0 \
 && curl -fsSLo /usr/local/bin/kubectl "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl" \
 && echo "$(curl -fsSL "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl.sha256")  /usr/local/bin/kubectl" | sha256sum -c - \
 && chmod +x /usr/local/bin/kubectl \
 && curl -fsSLo /tmp/helm.tgz "https://get.helm.sh/helm-${HELM_VERSION}-linux-amd64.tar.gz" \
 && echo "$(curl -fsSL "https://get.helm.sh/helm-${HELM_VERSION}-linux-amd64.tar.gz.sha256sum" | cut -d' ' -f1)  /tmp/helm.tgz" | sha256sum -c - \
 && tar -xzf /tmp/helm.tgz -C /usr/local/bin --strip-components=1 linux-amd64/helm \
 && rm -rf /tmp/helm.tgz /var/lib/apt/lists/*
COPY --from=build /opt/sts-grader /usr/local
ENTRYPOINT ["sts-grader"]
