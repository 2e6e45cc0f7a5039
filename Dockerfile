# The bot's image: built with the .NET 10 SDK, run on the ASP.NET Core 10 runtime as a non-root user.
#   docker build -t registry.example/chatops-release:1.0.0 .
# Nothing secret goes in: tokens and connection strings come at run time (SecretsDirectory, docs/deploying.md).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files and the central package versions only, so that the layer is reused until they change.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Commands/Commands.csproj src/Commands/
COPY src/Sandbox/Sandbox.csproj src/Sandbox/
COPY src/Bot/Bot.csproj src/Bot/
RUN dotnet restore src/Bot/Bot.csproj
# appsettings.json is linked into the bot's output from the repository root.
COPY appsettings.json ./
COPY src/ src/
RUN dotnet publish src/Bot/Bot.csproj --no-restore -c Release -o /out -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Fonts for the text of the comparison charts (the runtime image has none).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown "$APP_UID:$APP_UID" /data
WORKDIR /app
COPY --from=build /out ./
# Storage:DataDirectory is a volume (a PersistentVolumeClaim in embedded mode); /tmp is an emptyDir when the root
# filesystem is read-only. Nothing else is written.
ENV Urls=http://0.0.0.0:8080 \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Storage__DataDirectory=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME ["/data"]
EXPOSE 8080
# The image's non-root "app" user, by number (1654), so that runAsNonRoot can check it.
USER $APP_UID
ENTRYPOINT ["dotnet", "ChatOpsRelease.Bot.dll"]
