using SimpleActors.Node.Commands;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Tests.Commands;

public class AdminClientTests
{
    [Fact]
    public void The_token_comes_from_the_option_then_the_configuration_then_the_nodes_token_file()
    {
        var folder = Directory.CreateTempSubdirectory("simpleactors-admin-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            File.WriteAllText(Path.Combine(folder, "data", "admin-token"), "from-file\n");
            var sources = new NodeConfigurationSources { CurrentDirectory = folder, EnvironmentVariables = new System.Collections.Hashtable() };

            var fromFile = AdminClient.Resolve(null, null, null, sources);
            var fromOption = AdminClient.Resolve(null, null, "from-option", sources);

            Assert.Equal("from-file", fromFile.Token);
            Assert.Equal(new Uri("http://127.0.0.1:8090"), fromFile.Endpoint);
            Assert.Equal("from-option", fromOption.Token);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:8090")]
    [InlineData("http://127.0.0.1:8090/")]
    [InlineData("https://[::1]:8090")]
    public void An_http_address_is_a_url_option(string url)
    {
        var parse = CommandLine.Create().Parse(["cluster", "status", "--url", url]);

        Assert.Empty(parse.Errors);
        Assert.Equal(new Uri(url), parse.GetValue<Uri?>("--url"));
    }

    [Theory]
    [InlineData("127.0.0.1:8090")]
    [InlineData("ftp://127.0.0.1")]
    public void A_url_option_that_is_no_http_address_is_a_parse_error(string url)
    {
        var parse = CommandLine.Create().Parse(["presence", "authorize", "sip:alice@example.com", "sip:bob@example.com", "allow", "--url", url]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("not an http address", StringComparison.Ordinal));
    }
}
