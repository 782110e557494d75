# Sourced by the .ci scripts: puts the pinned tools on PATH.
TOOLS_DIR="${AIL_TOOLS_DIR:-$HOME/.cache/ai-interview-lab-tools}"
export AIL_TOOLS_DIR="$TOOLS_DIR"
export PATH="$HOME/.cargo/bin:$TOOLS_DIR/node_modules/.bin:$PATH"
export NODE_PATH="$TOOLS_DIR/node_modules"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
