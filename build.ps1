#!/usr/bin/env pwsh
# SimpleActors build script (PowerShell 7). Run it through the pinned tool:
#
#   dotnet tool restore
#   dotnet pwsh ./build.ps1 <target> [arguments passed through]
#
# Targets:
#   build   Release build of SimpleActors.sln
#   test    dotnet test of the solution; ends with the line "N passed, M failed"
#   bench   BenchmarkDotNet in Release, e.g. dotnet pwsh ./build.ps1 bench --filter '*'
#   load    the SIPp load suite (tests/load/bench.py), e.g. dotnet pwsh ./build.ps1 load --target both
#   run     simpleactors run, e.g. dotnet pwsh ./build.ps1 run --Cluster:Port=4054
#   cluster-up, cluster-down   a three-node loopback cluster on PostgreSQL (config/cluster/)
#
# Exits non-zero when a step fails (and, for test, when a test failed or none ran).

param([string]$Target = 'build')

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

$Root = $PSScriptRoot
$Solution = Join-Path $Root 'SimpleActors.sln'

# PowerShell splits "--Section:Key=value" at the colon when it binds script arguments, so the
# arguments are read from the process command line, after this script's path, where they are
# exactly as typed. Invoked from inside a PowerShell session, $args is the fallback.
function Get-ScriptArguments {
    $raw = [Environment]::GetCommandLineArgs()
    for ($i = 0; $i -lt $raw.Length; $i++) {
        $candidate = $raw[$i]
        if ((Test-Path -LiteralPath $candidate -PathType Leaf) -and
            ((Resolve-Path -LiteralPath $candidate).Path -eq $PSCommandPath)) {
            return , @($raw | Select-Object -Skip ($i + 1))
        }
    }
    return $null
}

$commandLine = Get-ScriptArguments
if ($null -ne $commandLine) {
    $Target = if ($commandLine.Length -gt 0) { $commandLine[0] } else { 'build' }
    $Rest = @($commandLine | Select-Object -Skip 1)
} else {
    $Rest = @($args)
}

# Runs dotnet with its output going straight to the console; the exit code is in $LASTEXITCODE.
# (Functions here return nothing: anything a native command prints would become a return value.)
function Invoke-Dotnet {
    param([string[]]$Arguments)
    Write-Host "> dotnet $($Arguments -join ' ')"
    # Started directly rather than with PowerShell's call operator: on Unix that expands wildcards
    # in arguments (bench --filter '*' would become the names of the files here).
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $process.WaitForExit()
    $global:LASTEXITCODE = $process.ExitCode
}

function Invoke-Build {
    Invoke-Dotnet (@('build', $Solution, '-c', 'Release') + $Rest)
    $script:ExitCode = $LASTEXITCODE
    if ($script:ExitCode -ne 0) { Write-Host "build failed ($script:ExitCode)" }
}

# The integration tests drive SIPp (Debian's sip-tester). Installed here when missing and we may (root with
# apt-get); elsewhere those tests say they were skipped and why.
function Install-TestTools {
    # SIPp, and the real clients the integration tests drive against the shipped configuration (tests/.../RealClients).
    $tools = [ordered]@{ sipp = 'sip-tester'; baresip = 'baresip-core'; sipsak = 'sipsak'; node = 'nodejs'; npm = 'npm' }
    $missing = @($tools.Keys | Where-Object { -not (Get-Command $_ -ErrorAction SilentlyContinue) } | ForEach-Object { $tools[$_] })
    if ($missing.Count -gt 0) {
        $isRoot = (& id -u) -eq '0'
        if ($isRoot -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
            Write-Host "> apt-get install -y $($missing -join ' ')"
            & apt-get update -qq | Out-Host
            $env:DEBIAN_FRONTEND = 'noninteractive'
            & apt-get install -y -qq --no-install-recommends @missing | Out-Host
        } else {
            Write-Host "Not installed and cannot be installed here: $($missing -join ', '); the tests that need them will fail."
        }
    }
    # The npm sip package for tests/clients/npm-sip (the test runs npm ci itself when node_modules is missing).
    $npmClient = Join-Path $PSScriptRoot 'tests/clients/npm-sip'
    if ((Get-Command npm -ErrorAction SilentlyContinue) -and -not (Test-Path (Join-Path $npmClient 'node_modules'))) {
        Write-Host '> npm ci (tests/clients/npm-sip)'
        & npm ci --prefix $npmClient --no-audit --no-fund | Out-Host
    }
}

function Invoke-Test {
    Install-TestTools
    $results = Join-Path $Root 'TestResults' (Get-Date -Format 'yyyyMMdd-HHmmss')
    Invoke-Dotnet (@('test', $Solution, '-c', 'Release', '--logger', 'trx',
            '--logger', 'console;verbosity=normal', '--results-directory', $results) + $Rest)
    $code = $LASTEXITCODE

    $passed = 0
    $failed = 0
    $trx = @(Get-ChildItem -Path $results -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue)
    foreach ($file in $trx) {
        [xml]$document = Get-Content -LiteralPath $file.FullName -Raw
        $counters = $document.TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        # Errors, time-outs and aborts are failures too.
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }

    if ($code -ne 0 -and $failed -eq 0) {
        # The build or a test host failed before any result was written; count it as a failure.
        Write-Host "dotnet test failed ($code) with no failed test in $($trx.Count) result file(s)"
        $failed = 1
    }
    if ($passed -eq 0 -and $failed -eq 0) {
        Write-Host 'no test ran'
    }
    Write-Host "$passed passed, $failed failed"
    $script:ExitCode = if ($failed -gt 0 -or $passed -eq 0) { 1 } else { 0 }
}

function Invoke-Bench {
    $project = Join-Path $Root 'tests' 'SimpleActors.Benchmarks'
    Invoke-Dotnet (@('run', '-c', 'Release', '--project', $project, '--') + $Rest)
    $script:ExitCode = $LASTEXITCODE
}

function Invoke-Load {
    $runner = Join-Path $Root 'tests' 'load' 'bench.py'
    Write-Host "> python3 $runner $($Rest -join ' ')"
    & python3 $runner @Rest
    $script:ExitCode = $LASTEXITCODE
}

function Invoke-Cluster([string]$Action) {
    # A three-node loopback cluster on PostgreSQL (config/cluster/): SIP on 127.0.0.1:5060/5062/5064, admin HTTP on
    # 127.0.0.1:8081/8082/8083.
    $script = Join-Path $Root 'config' 'cluster' 'cluster.sh'
    & bash $script $Action
    $script:ExitCode = $LASTEXITCODE
}

function Invoke-Run {
    $project = Join-Path $Root 'src' 'SimpleActors.Node'
    # Not through Invoke-Dotnet: the server keeps the console, so Ctrl+C reaches it directly and
    # this script waits for its graceful stop.
    $arguments = @('run', '-c', 'Release', '--project', $project, '--', 'run') + $Rest
    Write-Host "> dotnet $($arguments -join ' ')"
    & dotnet @arguments
    $script:ExitCode = $LASTEXITCODE
}

$script:ExitCode = 0
switch ($Target) {
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'bench' { Invoke-Bench }
    'load' { Invoke-Load }
    'run' { Invoke-Run }
    'cluster-up' { Invoke-Cluster 'up' }
    'cluster-down' { Invoke-Cluster 'down' }
    default {
        Write-Host "unknown target '$Target'; targets: build, test, bench, load, run"
        $script:ExitCode = 2
    }
}
exit $script:ExitCode
