math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/todo/" .. math.random(1, 10000))
end
