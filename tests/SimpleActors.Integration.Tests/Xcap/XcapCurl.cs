namespace SimpleActors.Integration.Tests.Xcap;

/// <summary>
/// curl, a real HTTP client, against a node's XCAP root: every request with <c>--digest</c> (curl answers the 401 itself),
/// <c>-g</c> so that the brackets of node selectors go as written. The answer is the final status, its headers and body.
/// </summary>
internal sealed class XcapCurl(Uri root, string user, string password)
{
    public sealed record Answer(int Status, string Headers, string Body)
    {
        /// <summary>The ETag of the final answer (curl's header dump holds the 401's headers too).</summary>
        public string? ETag => Headers.Split("\r\n")
            .LastOrDefault(h => h.StartsWith("ETag:", StringComparison.OrdinalIgnoreCase))?["ETag:".Length..].Trim();

        public string? Header(string name) => Headers.Split("\r\n")
            .LastOrDefault(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
    }

    public Uri Root => root;

    /// <summary>One request to <c>root + path</c> (path already percent-encoded where it must be).</summary>
    public async Task<Answer> SendAsync(string method, string path, string? contentType = null, string? body = null, params string[] headers)
    {
        var curl = ExternalClient.Require("curl", "curl");
        var folder = Path.Combine(Path.GetTempPath(), "xcap-curl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var headerFile = Path.Combine(folder, "headers");
            var bodyFile = Path.Combine(folder, "body");
            var arguments = new List<string>
            {
                "-s", "-S", "-g", "--digest", "-u", $"{user}:{password}", "-X", method, "-D", headerFile, "-o", bodyFile, "-w", "%{http_code}",
            };
            if (contentType is not null)
            {
                arguments.AddRange(["-H", $"Content-Type: {contentType}"]);
            }

            foreach (var header in headers)
            {
                arguments.AddRange(["-H", header]);
            }

            if (body is not null)
            {
                var upload = Path.Combine(folder, "upload");
                await File.WriteAllTextAsync(upload, body);
                arguments.AddRange(["--data-binary", "@" + upload]);
            }

            arguments.Add(root.ToString().TrimEnd('/') + "/" + path);
            var (exit, output) = await ExternalClient.RunAsync(curl, arguments, TimeSpan.FromSeconds(30));
            Assert.True(exit == 0, $"curl failed ({exit}): {output}");
            var status = int.Parse(output.Trim()[^3..], System.Globalization.CultureInfo.InvariantCulture);
            return new Answer(
                status,
                File.Exists(headerFile) ? await File.ReadAllTextAsync(headerFile) : string.Empty,
                File.Exists(bodyFile) ? await File.ReadAllTextAsync(bodyFile) : string.Empty);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
