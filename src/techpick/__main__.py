from techpick.cli import main

main()
