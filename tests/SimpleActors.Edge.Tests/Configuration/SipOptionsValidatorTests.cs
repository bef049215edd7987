using SimpleActors.Sip.Transport;
using SimpleActors.Edge.Configuration;

namespace SimpleActors.Edge.Tests.Configuration;

public class SipOptionsValidatorTests
{
    private static readonly SipOptionsValidator Validator = new();

    private static SipOptions WithListeners(params SipListenerOptions[] listeners)
    {
        var options = new SipOptions();
        foreach (var listener in listeners)
        {
            options.Listeners.Add(listener);
        }

        return options;
    }

    [Fact]
    public void Default_options_are_valid()
    {
        var result = Validator.Validate(null, new SipOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Udp_and_tcp_listeners_may_share_an_endpoint()
    {
        var options = WithListeners(
            new SipListenerOptions { Transport = SipTransport.Udp, Address = "0.0.0.0", Port = 5060 },
            new SipListenerOptions { Transport = SipTransport.Tcp, Address = "0.0.0.0", Port = 5060 },
            new SipListenerOptions { Transport = SipTransport.Tls, Address = "::", Port = 5061 });

        var result = Validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("sip.example.com", 5060)]
    [InlineData("127.0.0.1", -1)]
    [InlineData("127.0.0.1", 65536)]
    public void Listener_without_a_bindable_endpoint_is_rejected(string address, int port)
    {
        var options = WithListeners(new SipListenerOptions { Address = address, Port = port });

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Sip:Listeners:0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_transport_twice_on_one_endpoint_is_rejected()
    {
        var options = WithListeners(
            new SipListenerOptions { Transport = SipTransport.Udp, Address = "127.0.0.1", Port = 5060 },
            new SipListenerOptions { Transport = SipTransport.Udp, Address = "127.0.0.1", Port = 5060 });

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("more than once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SipTransport.Tcp, SipTransport.Tls)]
    [InlineData(SipTransport.Ws, SipTransport.Wss)]
    [InlineData(SipTransport.Tls, SipTransport.Ws)]
    public void Two_tcp_based_transports_on_one_endpoint_are_rejected(SipTransport one, SipTransport other)
    {
        var options = WithListeners(
            new SipListenerOptions { Transport = one, Address = "127.0.0.1", Port = 5061 },
            new SipListenerOptions { Transport = other, Address = "127.0.0.1", Port = 5061 });

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("its own TCP port", StringComparison.Ordinal));
    }

    [Fact]
    public void A_handshake_timeout_of_zero_is_rejected()
    {
        var options = new SipOptions { HandshakeTimeout = TimeSpan.Zero };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Sip:HandshakeTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void A_body_limit_above_the_message_limit_is_rejected()
    {
        var options = new SipOptions { Limits = new SipParserLimitsOptions { MaxMessageSize = 4096, MaxBodySize = 8192 } };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("MaxBodySize", StringComparison.Ordinal));
    }

    [Fact]
    public void A_header_count_of_zero_is_rejected_with_the_parser_rule()
    {
        var options = new SipOptions { Limits = new SipParserLimitsOptions { MaxHeaderCount = 0 } };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Sip:Limits:MaxHeaderCount", StringComparison.Ordinal));
    }

    [Fact]
    public void Configured_limits_reach_the_parser_limits()
    {
        var limits = new SipParserLimitsOptions { MaxMessageSize = 32768, MaxHeaderCount = 64, MaxLineLength = 2048, MaxBodySize = 16384 };

        var parser = limits.ToParserLimits();

        Assert.Equal(32768, parser.MaxMessageSize);
        Assert.Equal(64, parser.MaxHeaderCount);
        Assert.Equal(2048, parser.MaxLineLength);
        Assert.Equal(16384, parser.MaxBodySize);
    }
}
