using SimpleActors.Engine.Persistence;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Tests.Configuration;

public class SimpleActorsOptionsValidatorTests
{
    private static readonly SimpleActorsOptionsValidator Validator = new();

    private static SimpleActorsOptions Defaults()
    {
        var options = new SimpleActorsOptions();
        options.ApplyDefaults();
        return options;
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var result = Validator.Validate(null, Defaults());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void A_seed_that_is_not_an_akka_address_is_rejected()
    {
        var options = Defaults();
        options.Cluster.Seeds.Add("10.0.0.1:4053");

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Cluster:Seeds", StringComparison.Ordinal));
    }

    [Fact]
    public void A_seed_address_is_accepted()
    {
        var options = Defaults();
        options.Cluster.Seeds.Add("akka.tcp://simpleactors@10.0.0.1:4053");

        var result = Validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(70000)]
    public void A_port_out_of_range_is_rejected(int port)
    {
        var options = Defaults();
        options.Cluster.Port = port;

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Cluster:Port", StringComparison.Ordinal));
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_is_rejected()
    {
        var options = Defaults();
        options.Persistence.Provider = PersistenceProvider.PostgreSql;

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Persistence:ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void Sip_section_failures_are_reported()
    {
        var options = Defaults();
        options.Sip.Listeners.Add(new Edge.Configuration.SipListenerOptions { Address = "not-an-ip" });

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Sip:Listeners:0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_negative_udp_receive_buffer_is_rejected()
    {
        var options = Defaults();
        options.Sip.UdpReceiveBufferSize = -1;

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Sip:UdpReceiveBufferSize", StringComparison.Ordinal));
    }
}
