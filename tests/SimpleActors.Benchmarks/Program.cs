using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/SimpleActors.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SimpleActors.Benchmarks.SipParserBenchmarks).Assembly).Run(args);
