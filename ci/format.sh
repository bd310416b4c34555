#!/usr/bin/env bash
# Fails when any Swift file differs from what `swift format` (configuration: .swift-format) would write.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --recursive --parallel Package.swift Sources Scenarios Tests Examples Benchmarks
echo "format: ok"
