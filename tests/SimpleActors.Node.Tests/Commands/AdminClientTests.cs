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

            var fromFile = AdminClient.Resolve(null, null, null, null, sources);
            var fromOption = AdminClient.Resolve(null, null, "from-option", null, sources);

            Assert.Equal("from-file", fromFile.Token);
            Assert.Equal(new Uri("http://127.0.0.1:8090"), fromFile.Endpoint);
            Assert.Equal("from-option", fromOption.Token);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_cluster_nodes_configuration_names_its_admin_port_and_the_token_in_its_own_data_directory()
    {
        using var folder = new TemporaryDirectory();
        var config = folder.Write("node1.json", """{ "DataDirectory": "data/cluster/node1", "Admin": { "Port": 8081 } }""");
        folder.Write("data/admin-token", "of-the-single-node");
        folder.Write("data/cluster/node1/admin-token", "of-node-1");
        var sources = new NodeConfigurationSources { CurrentDirectory = folder.Path, EnvironmentVariables = new System.Collections.Hashtable() };

        var target = AdminClient.Resolve(new FileInfo(config), null, null, null, sources);

        Assert.Equal(new Uri("http://127.0.0.1:8081"), target.Endpoint);
        Assert.Equal("of-node-1", target.Token);
    }

    [Fact]
    public void The_data_dir_option_names_the_token_file_before_the_configured_token()
    {
        using var folder = new TemporaryDirectory();
        var config = folder.Write("configured.json", """{ "Admin": { "Token": "configured" } }""");
        folder.Write("node2/admin-token", "of-node-2\n");
        var sources = new NodeConfigurationSources { CurrentDirectory = folder.Path, EnvironmentVariables = new System.Collections.Hashtable() };

        var fromDataDirectory = AdminClient.Resolve(new FileInfo(config), new Uri("http://127.0.0.1:8082"), null, new DirectoryInfo("node2"), sources);
        var fromConfiguration = AdminClient.Resolve(new FileInfo(config), null, null, null, sources);
        var missing = AdminClient.Resolve(null, null, null, new DirectoryInfo("node3"), sources);

        Assert.Equal("of-node-2", fromDataDirectory.Token);
        Assert.Equal(new Uri("http://127.0.0.1:8082"), fromDataDirectory.Endpoint);
        Assert.Equal("configured", fromConfiguration.Token);
        Assert.Null(missing.Token);
        Assert.Equal(Path.Combine(folder.Path, "node3", "admin-token"), missing.TokenFile);
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
